//! Where each pane goes for a terminal size: one pure function shared by the
//! views (to draw) and `update` (to map mouse clicks and page sizes).

use ratatui::layout::Rect;

use super::app::{App, Pane};

/// Below this the workstation says "terminal too small" instead of drawing.
pub const MIN_W: u16 = 40;
pub const MIN_H: u16 = 10;
/// From this width the list and the report sit side by side.
pub const WIDE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub outline: Option<Rect>,
    pub figures: Option<Rect>,
    pub source: Option<Rect>,
    pub status: Rect,
    pub hints: Rect,
}

/// `None` when the terminal is too small.
pub fn areas(app: &App, w: u16, h: u16) -> Option<Areas> {
    if w < MIN_W || h < MIN_H {
        return None;
    }
    let body = Rect::new(0, 0, w, h - 2);
    let status = Rect::new(0, h - 2, w, 1);
    let hints = Rect::new(0, h - 1, w, 1);
    let mut a = Areas {
        status,
        hints,
        ..Default::default()
    };
    let open = app.open.is_some();
    if w >= WIDE {
        let lw = (w * 36 / 100).max(32);
        a.list = Some(Rect::new(0, 0, lw, body.height));
        let right = Rect::new(lw, 0, w - lw, body.height);
        if open {
            report_panes(&mut a, right, true);
        } else {
            a.source = Some(right);
        }
    } else if !open || app.pane == Pane::Reports {
        a.list = Some(body);
    } else {
        report_panes(&mut a, body, false);
    }
    Some(a)
}

fn report_panes(a: &mut Areas, r: Rect, wide: bool) {
    let top_h = (r.height * 45 / 100).max(5);
    let top = Rect::new(r.x, r.y, r.width, top_h);
    let bottom = Rect::new(r.x, r.y + top_h, r.width, r.height - top_h);
    if wide || r.width >= 70 {
        let ow = (top.width * 30 / 100).max(16);
        a.outline = Some(Rect::new(top.x, top.y, ow, top.height));
        a.figures = Some(Rect::new(top.x + ow, top.y, top.width - ow, top.height));
    } else {
        // Narrow: outline a short strip above the figures.
        let oh = (top.height / 3).max(3);
        a.outline = Some(Rect::new(top.x, top.y, top.width, oh));
        a.figures = Some(Rect::new(top.x, top.y + oh, top.width, top.height - oh));
    }
    a.source = Some(bottom);
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
