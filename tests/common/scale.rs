//! Large hostile-but-plausible pages for scale checks (issue 18): many nested
//! headings each with a figure, and one long line of inline markers. The
//! benchmarks (`benches/core.rs`, group `scale`) take this file in with `#[path]`.

/// Chinese numeral 1..=100 as an outline marker writes it.
fn cn(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        100 => "一百".to_string(),
        1..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n % 10].trim_start_matches('零')),
        _ => format!("{}十{}", D[n / 10], D[n % 10].trim_start_matches('零')),
    }
}

/// A report of about `headings` headings in three levels (`一、` → `（一）` →
/// `1.`), each followed by a line holding one figure. Level 1 runs to 100, so
/// 100,000 headings is the most it makes.
pub fn nested_outline(headings: usize) -> String {
    let top = (headings / 1000).clamp(1, 100);
    let mut s = String::from("某县妇联2013年工作总结\n");
    for a in 1..=top {
        s += &format!("{}、开展培训工作\n全年培训{a}名妇女。\n", cn(a));
        for b in 1..=10 {
            s += &format!("（{}）组织宣传活动\n发放资料{b}份。\n", cn(b));
            for k in 1..=99 {
                s += &format!("{k}. 举办讲座\n参加{k}人次。\n");
            }
        }
    }
    s
}

/// A report whose body is one line of `bytes` (about) of inline `一、` `二、`
/// markers, each with a figure.
pub fn inline_line(bytes: usize) -> String {
    let unit = "一、开展培训，培训1800多名妇女。二、落实贷款16万元。";
    let mut s = String::from("某县妇联2013年工作总结\n");
    s += &unit.repeat(bytes / unit.len() + 1);
    s.push('\n');
    s
}
