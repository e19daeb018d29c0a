//! Where each pane goes for a terminal size: one pure function shared by the
//! views (to draw) and `update` (to map mouse clicks and page sizes).

use ratatui::layout::Rect;

use super::app::{App, Pane};

/// Below this the workstation says "terminal too small" instead of drawing.
pub const MIN_W: u16 = 40;
pub const MIN_H: u16 = 10;
/// From this width the list and the report sit side by side.
pub const WIDE: u16 = 100;
/// From this width of the report's panes its outline sits beside the figures.
pub const OUTLINE_BESIDE: u16 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub outline: Option<Rect>,
    pub figures: Option<Rect>,
    /// The selected figure whole: section path, values, flags with reasons.
    pub detail: Option<Rect>,
    pub source: Option<Rect>,
    pub status: Rect,
    pub hints: Rect,
}

/// From this width a narrow report list stays beside an open report.
pub const NARROW_LIST: u16 = 120;

/// `None` when the terminal is too small.
///
/// An open report gets the width: beside it the list narrows (from
/// [`NARROW_LIST`] columns) or hides, unless the list has the focus. A zoomed
/// pane (`App::zoomed`) takes the whole body.
pub fn areas(app: &App, w: u16, h: u16) -> Option<Areas> {
    if w < MIN_W || h < MIN_H {
        return None;
    }
    let body = Rect::new(0, 0, w, h - 2);
    let mut a = Areas {
        status: Rect::new(0, h - 2, w, 1),
        hints: Rect::new(0, h - 1, w, 1),
        ..Default::default()
    };
    let open = app.open.is_some();
    if app.zoom && (open || app.pane == Pane::Reports) {
        zoomed(&mut a, app.pane, body);
        return Some(a);
    }
    let in_list = app.pane == Pane::Reports;
    if !open {
        if w >= WIDE {
            let lw = list_width(w);
            a.list = Some(Rect::new(0, 0, lw, body.height));
            a.source = Some(Rect::new(lw, 0, w - lw, body.height));
        } else {
            a.list = Some(body);
        }
        return Some(a);
    }
    let lw = match (in_list, w) {
        (true, w) if w >= WIDE => list_width(w),
        (true, _) => {
            a.list = Some(body);
            return Some(a);
        }
        (false, w) if w >= NARROW_LIST => (w / 6).clamp(24, 36),
        _ => 0,
    };
    if lw > 0 {
        a.list = Some(Rect::new(0, 0, lw, body.height));
    }
    report_panes(&mut a, Rect::new(lw, 0, w - lw, body.height), app.pane);
    Some(a)
}

fn list_width(w: u16) -> u16 {
    (w * 36 / 100).max(32)
}

/// One pane over the whole body (the figures keep their detail under them).
fn zoomed(a: &mut Areas, p: Pane, body: Rect) {
    match p {
        Pane::Reports => a.list = Some(body),
        Pane::Outline => a.outline = Some(body),
        Pane::Source => a.source = Some(body),
        Pane::Figures => {
            let dh = detail_height(body.height);
            let fh = body.height - dh;
            a.figures = Some(Rect::new(body.x, body.y, body.width, fh));
            if dh > 0 {
                a.detail = Some(Rect::new(body.x, body.y + fh, body.width, dh));
            }
        }
    }
}

/// Rows of the figure detail: a rule and three lines, fewer on a short screen.
fn detail_height(body_h: u16) -> u16 {
    match body_h {
        20.. => 4,
        14..20 => 3,
        _ => 0,
    }
}

/// The open report's panes in `r`: outline and figures above (side by side
/// when there is room; else the outline takes the figures' place while it has
/// the focus), the figure detail across, the source below.
fn report_panes(a: &mut Areas, r: Rect, focus: Pane) {
    let dh = detail_height(r.height);
    // Two fifths (rounded up) for the figures: six rows of them at 80×24.
    let top_h = (r.height * 2)
        .div_ceil(5)
        .max(5)
        .min(r.height.saturating_sub(dh + 3));
    let top = Rect::new(r.x, r.y, r.width, top_h);
    if r.width >= OUTLINE_BESIDE {
        let ow = (top.width * 28 / 100).max(20);
        a.outline = Some(Rect::new(top.x, top.y, ow, top.height));
        a.figures = Some(Rect::new(top.x + ow, top.y, top.width - ow, top.height));
    } else if focus == Pane::Outline {
        a.outline = Some(top);
    } else {
        a.figures = Some(top);
    }
    if dh > 0 {
        a.detail = Some(Rect::new(r.x, r.y + top_h, r.width, dh));
    }
    let src_y = r.y + top_h + dh;
    a.source = Some(Rect::new(r.x, src_y, r.width, r.y + r.height - src_y));
}

/// Inner area of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The first row shown of a list of `len` rows with `sel` selected in `height` rows:
/// the selection stays in view, a third from the bottom edge when it can.
pub fn list_offset(sel: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let margin = height / 3;
    let max_off = len - height;
    if sel + margin < height {
        0
    } else {
        (sel + margin + 1 - height).min(max_off)
    }
}

/// Rows of the report list above its first report row (progress line, gauge).
pub fn list_header(app: &App) -> u16 {
    if app.loading.is_some() { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_keep_the_selection_visible() {
        for len in 0..40 {
            for h in 1..12 {
                for sel in 0..len {
                    let o = list_offset(sel, len, h);
                    assert!(o <= sel && sel < o + h, "len {len} h {h} sel {sel} off {o}");
                }
            }
        }
    }
}
