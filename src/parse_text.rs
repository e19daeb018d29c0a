//! `parse --format text`: each report's title, outline and figures, for a
//! person at a terminal. Every string from the page or the file name is
//! escaped (`text::terminal_safe`).

use std::collections::HashMap;
use std::fmt::Write as _;

use zongjie::export::records::format_number;
use zongjie::model::{Figure, ParsedFile, Report};
use zongjie::text::terminal_safe;

fn safe(s: &str) -> String {
    terminal_safe(s).into_owned()
}

/// The file's reports, each with its outline, then its figures.
pub fn render_text(p: &ParsedFile) -> String {
    let mut s = format!("{} ({})\n", safe(&p.file), p.encoding);
    for r in &p.reports {
        s += &format!("  {}  [{}]\n", safe(&r.title), safe(&r.id));
        for sec in &r.sections {
            s += &format!(
                "  {}{}{}\n",
                "  ".repeat(sec.level as usize),
                safe(&sec.marker),
                safe(&sec.title)
            );
        }
        s += &figures(r);
    }
    s
}

/// `figures (n):` then a line a figure:
/// `f1  1800多名 = 1800 名  count over  subject 培训妇女  in 一、  ! magnitude`.
fn figures(r: &Report) -> String {
    if r.figures.is_empty() {
        return "    figures: none\n".to_string();
    }
    let markers: HashMap<&str, &str> = r
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.marker.as_str()))
        .collect();
    let mut s = format!("    figures ({}):\n", r.figures.len());
    for f in &r.figures {
        let section = f
            .section
            .as_deref()
            .and_then(|id| markers.get(id))
            .filter(|m| !m.is_empty());
        let _ = writeln!(s, "      {}", figure_line(f, section.copied()));
    }
    s
}

fn figure_line(f: &Figure, section: Option<&str>) -> String {
    let q = &f.quantity;
    let value = match (q.value, q.value_max) {
        (Some(a), Some(b)) => format!("{}–{}", format_number(a), format_number(b)),
        (Some(a), None) => format_number(a),
        _ => "?".to_string(),
    };
    let mut line = format!("{}  {} = {value}", safe(&f.id), safe(&f.text));
    if !q.unit.is_empty() {
        line += &format!(" {}", safe(&q.unit));
    }
    line += &format!("  {}", q.kind.as_str());
    if let Some(a) = q.approx {
        line += &format!(" {}", a.as_str());
    }
    if let Some(subject) = &f.subject {
        line += &format!("  subject {}", safe(subject));
    }
    if let Some(m) = section {
        line += &format!("  in {}", safe(m));
    }
    if !f.flags.is_empty() {
        let flags: Vec<&str> = f.flags.iter().map(|x| x.as_str()).collect();
        line += &format!("  ! {}", flags.join(", "));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use zongjie::model::{Approx, Flag, Quantity, Section};

    #[test]
    fn figures_follow_the_outline_escaped() {
        let fig = |id: &str, text: &str, value: f64, unit: &str| Figure {
            id: id.into(),
            text: text.into(),
            quantity: Quantity {
                value: Some(value),
                unit: unit.into(),
                ..Default::default()
            },
            section: Some("s1".into()),
            ..Default::default()
        };
        let mut first = fig("f1", "1800多名", 1800.0, "名");
        first.quantity.approx = Some(Approx::Over);
        first.subject = Some("培训妇女".into());
        let mut evil = fig("f2", "16萬\u{202e}元", 160000.0, "元\x1b[31m");
        evil.flags = vec![Flag::Magnitude];
        evil.section = None;
        let p = ParsedFile {
            file: "a.txt".into(),
            encoding: "UTF-8".into(),
            reports: vec![Report {
                id: "r1".into(),
                title: "县妇联工作总结".into(),
                sections: vec![Section {
                    id: "s1".into(),
                    level: 1,
                    marker: "一、".into(),
                    title: "培训".into(),
                    ..Default::default()
                }],
                figures: vec![first, evil],
                ..Default::default()
            }],
        };
        let want = "a.txt (UTF-8)\n  县妇联工作总结  [r1]\n    一、培训\n    figures (2):\n      \
                    f1  1800多名 = 1800 名  count over  subject 培训妇女  in 一、\n      \
                    f2  16萬\\u{202e}元 = 160000 元\\x1b[31m  count  ! magnitude\n";
        assert_eq!(render_text(&p), want);
    }
}
