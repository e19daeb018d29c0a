//! A scraped page into its reports: web chrome out (its metadata kept), one
//! report per title line (guide §1).

mod chrome;
mod meta;
mod places;

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

pub use chrome::{ChromeMeta, LineClass, classify};
pub use meta::{ReportMeta, read_report_meta};

use crate::model::Report;
use crate::text::{Line, Normalized, split_lines, title_key};

/// One report found on a page, with the byte ranges of its body lines
/// (title lines and chrome left out) for the outline and figure parsers.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReport {
    pub report: Report,
    pub body: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub reports: Vec<PageReport>,
    /// Source and date read from the page's chrome.
    pub meta: ChromeMeta,
}

/// Lines a page needs before its lines are classed on more than one core.
const PARALLEL_MIN_LINES: usize = 2048;

/// A body this long, or any outline heading, means a repeated title starts a new report.
const REPEAT_TITLE_MAX_GAP: usize = 1500;
/// A different title line this close under the current one is its subtitle, not a new report.
const SUBTITLE_MAX_GAP: usize = 300;

/// Split a page into reports.
pub fn split_page(text: &str, norm: &Normalized) -> Page {
    let lines = split_lines(text);
    let folded: Vec<&str> = lines
        .iter()
        .map(|l| {
            norm.text
                .get(norm.to_folded(l.start)..norm.to_folded(l.end))
                .unwrap_or("")
        })
        .collect();
    // Lines are classed on their own: a page of many thousand lines uses every core.
    let mut classes: Vec<LineClass> = folded
        .par_iter()
        .with_min_len(PARALLEL_MIN_LINES)
        .map(|f| classify(f))
        .collect();
    mark_page_tails(&mut classes, &folded);
    let mut meta = ChromeMeta::default();
    let mut collection_page = false;
    for (i, c) in classes.iter().enumerate() {
        if matches!(c, LineClass::Chrome | LineClass::ChromeTail) {
            chrome::read_meta(folded[i], lines[i].text(text), &mut meta);
            collection_page |= folded[i].contains('篇');
        }
    }

    let starts = report_starts(&lines, &folded, &classes);
    let mut title_counts: HashMap<&str, usize> = HashMap::new();
    for s in &starts {
        *title_counts.entry(s.key.as_str()).or_default() += 1;
    }
    // Each report's body and metadata are read on their own, in parallel on a
    // page of many reports.
    let read_report = |(n, s): (usize, &Start)| {
        let stop = starts.get(n + 1).map_or(lines.len(), |next| next.line);
        // A page with no title line: its first line is body too, and names the report.
        let first_body = if s.untitled { s.line } else { s.line + 1 };
        let body: Vec<Range<usize>> = (first_body..stop)
            .filter(|&i| classes[i] == LineClass::Text && !s.repeats.contains(&i))
            .map(|i| trimmed(&lines[i], text))
            .filter(|r| !r.is_empty())
            .collect();
        let title_range = trimmed(&lines[s.line], text);
        let title = if s.untitled {
            first_clause(&text[title_range.clone()])
        } else {
            text[title_range.clone()].to_string()
        };
        let shared_title = collection_page || title_counts[s.key.as_str()] > 1;
        let m = read_report_meta(text, norm, &title, &body, shared_title);
        let end = body.last().map_or(title_range.end, |r| r.end);
        PageReport {
            report: Report {
                id: String::new(),
                start: title_range.start,
                end,
                title,
                year: m.year,
                org: m.org,
                org_level: m.org_level,
                place: m.place,
                source: meta.source.clone(),
                published: meta.published.clone(),
                ..Default::default()
            },
            body,
        }
    };
    let mut reports: Vec<PageReport> = starts.par_iter().enumerate().map(read_report).collect();
    assign_ids(&mut reports, norm);
    Page { reports, meta }
}

/// After a page's tail (tag cloud, "read more", print buttons) everything is chrome,
/// until a new page begins where pages were pasted together: a title line with a
/// paragraph of text soon under it.
fn mark_page_tails(classes: &mut [LineClass], folded: &[&str]) {
    let mut in_tail = false;
    for i in 0..classes.len() {
        match classes[i] {
            LineClass::ChromeTail => in_tail = true,
            LineClass::Text if in_tail => {
                if is_title_candidate(folded[i].trim()) && opens_a_page(classes, folded, i) {
                    in_tail = false;
                } else {
                    classes[i] = LineClass::ChromeTail;
                }
            }
            _ => {}
        }
    }
}

/// Within the next few lines under `i` stands a paragraph or an outline heading,
/// and no other title line comes first (a tag cloud is a run of title-like lines).
fn opens_a_page(classes: &[LineClass], folded: &[&str], i: usize) -> bool {
    let key = title_key(folded[i].trim());
    for j in (i + 1..classes.len())
        .filter(|&j| classes[j] != LineClass::Blank)
        .take(6)
    {
        if classes[j] != LineClass::Text {
            if classes[j] == LineClass::ChromeTail {
                return false;
            }
            continue;
        }
        let f = folded[j].trim();
        if f.chars().count() >= 60 || starts_like_heading(f) {
            return true;
        }
        if is_title_candidate(f) && title_key(f) != key {
            return false;
        }
    }
    false
}

/// Where a report starts, and the later lines that only repeat its title.
#[derive(Debug)]
struct Start {
    line: usize,
    key: String,
    repeats: Vec<usize>,
    /// No title line was found; the report starts at its first line of text.
    untitled: bool,
}

/// Find report title lines. A page that numbers its articles (篇1, 篇一, [篇1])
/// starts a report at each numbered title; otherwise each title line starts one,
/// unless it repeats the current title before any outline or much body (a page
/// title followed by the same title, or a title over a short intro).
fn report_starts(lines: &[Line], folded: &[&str], classes: &[LineClass]) -> Vec<Start> {
    let text_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| classes[i] == LineClass::Text)
        .collect();
    let numbered: Vec<usize> = text_lines
        .iter()
        .copied()
        .filter(|&i| is_numbered_article(folded[i]))
        .collect();
    if numbered.len() >= 2 {
        return numbered
            .into_iter()
            .map(|i| Start {
                line: i,
                key: title_key(folded[i]),
                repeats: Vec::new(),
                untitled: false,
            })
            .collect();
    }
    let mut starts: Vec<Start> = Vec::new();
    let mut body_bytes = 0usize;
    let mut saw_heading = false;
    for &i in &text_lines {
        let f = folded[i].trim();
        if is_title_candidate(f) {
            let key = title_key(f);
            match starts.last_mut() {
                None => {}
                Some(cur)
                    if !saw_heading
                        && (body_bytes < SUBTITLE_MAX_GAP
                            || (key == cur.key && body_bytes < REPEAT_TITLE_MAX_GAP)) =>
                {
                    // The same title again, or a second title line over a short intro: one report.
                    cur.repeats.push(i);
                    continue;
                }
                Some(_) => {}
            }
            starts.push(Start {
                line: i,
                key,
                repeats: Vec::new(),
                untitled: false,
            });
            body_bytes = 0;
            saw_heading = false;
            continue;
        }
        if starts.is_empty() {
            continue; // site names and the like above the first title
        }
        body_bytes += f.len();
        saw_heading |= starts_like_heading(f);
    }
    if starts.is_empty() {
        // No line looks like a title: the first line of text is the report's title.
        if let Some(&i) = text_lines.first() {
            starts.push(Start {
                line: i,
                key: title_key(folded[i]),
                repeats: Vec::new(),
                untitled: true,
            });
        }
    }
    starts
}

/// Words that name a report in its title.
const REPORT_WORDS: &[&str] = &[
    "总结",
    "报告",
    "汇报",
    "小结",
    "述职",
    "工作回顾",
    "工作情况",
    "年鉴",
    "工作要点",
];

/// A line that could be a report's title: short, not a sentence, not an outline
/// item, naming itself a report.
fn is_title_candidate(f: &str) -> bool {
    let n = f.chars().count();
    if !(4..=60).contains(&n) || f.contains('。') {
        return false;
    }
    let last = f.chars().last().unwrap_or(' ');
    if "。！？；：:，,、!?;".contains(last) {
        return false;
    }
    if starts_like_heading(f) {
        return false;
    }
    REPORT_WORDS.iter().any(|w| f.contains(w)) || is_numbered_article(f)
}

/// `篇1`, `篇一：…`, `[篇1]…`, `【篇二】…`: a page's numbered article.
fn is_numbered_article(f: &str) -> bool {
    let t = f.trim_start_matches(['[', '【', '(', '（', ' ']);
    t.strip_prefix('篇')
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}

/// Outline markers at a line start: `一、` `(一)` `1.` `1、` `一是` `第一,` `①`.
pub(crate) fn starts_like_heading(f: &str) -> bool {
    let t = f.trim_start();
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let mut it = t.chars();
    let Some(c0) = it.next() else { return false };
    if ('①'..='⑳').contains(&c0) || ('⒈'..='⒛').contains(&c0) {
        return true;
    }
    if c0 == '(' {
        let inner: String = it.by_ref().take_while(|&c| c != ')').collect();
        return !inner.is_empty()
            && inner.chars().count() <= 3
            && inner.chars().all(|c| cn(c) || c.is_ascii_digit());
    }
    if c0 == '第' {
        let rest: String = it.take(4).collect();
        let num: String = rest.chars().take_while(|&c| cn(c)).collect();
        return !num.is_empty()
            && rest[num.len()..].starts_with([',', '，', '、', '是'])
            && !rest[num.len()..].starts_with("是第");
    }
    let num: String = t
        .chars()
        .take_while(|&c| cn(c) || c.is_ascii_digit())
        .collect();
    if num.is_empty() || num.chars().count() > 3 {
        return false;
    }
    let rest = &t[num.len()..];
    if num.chars().all(|c| c.is_ascii_digit()) {
        let mut after = rest.chars();
        return matches!(after.next(), Some('.' | '、'))
            && !after.next().is_some_and(|c| c.is_ascii_digit());
    }
    rest.starts_with('、') || rest.starts_with('是')
}

/// A name for an untitled report: its first clause, at most 40 characters.
fn first_clause(line: &str) -> String {
    let clause = line
        .split(['。', '，', ',', '！', '？', '；'])
        .next()
        .unwrap_or(line);
    let mut t: String = clause.chars().take(40).collect();
    if t.len() < clause.len() {
        t.push('…');
    }
    t
}

/// The line's range without leading and trailing white space (ASCII and ideographic).
fn trimmed(line: &Line, text: &str) -> Range<usize> {
    let s = line.text(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return line.start..line.start;
    }
    line.start + lead..line.end - trail
}

/// Ids from the folded title and the opening of the body: stable across
/// re-parses and edits elsewhere in the file. Same-looking reports get `-2`, `-3`.
fn assign_ids(reports: &mut [PageReport], norm: &Normalized) {
    let mut seen: Vec<String> = Vec::new();
    for pr in reports.iter_mut() {
        let mut key = crate::text::fold_str(&pr.report.title);
        if let Some(first) = pr.body.first() {
            let f = norm.to_folded(first.start)..norm.to_folded(first.end);
            let opening: String = norm.text.get(f).unwrap_or("").chars().take(80).collect();
            key.push('\n');
            key.push_str(&opening);
        }
        let base = format!("{:012x}", xxh3_64(key.as_bytes()) >> 16);
        let n = seen.iter().filter(|s| **s == base).count();
        pr.report.id = if n == 0 {
            base.clone()
        } else {
            format!("{base}-{}", n + 1)
        };
        seen.push(base);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    fn split(t: &str) -> Vec<(usize, String)> {
        let n = Normalized::new(t);
        split_page(t, &n)
            .reports
            .into_iter()
            .map(|r| (r.report.start, r.report.title))
            .collect()
    }

    #[test]
    fn heading_starts() {
        for s in [
            "一、加强",
            "(一)强化",
            "(1)做好",
            "1.强化",
            "1、深化",
            "一是加大",
            "第一,",
            "①开展",
            "⒈开展",
        ] {
            assert!(starts_like_heading(&fold_str(s)), "{s}");
        }
        for s in [
            "2014年",
            "12.4日",
            "一年来",
            "第一次",
            "三八节",
            "第一是第二",
        ] {
            assert!(!starts_like_heading(&fold_str(s)), "{s}");
        }
    }

    #[test]
    fn repeated_title_after_chrome_and_intro_is_one_report() {
        let t = "某县妇联工作总结\n\n来源:某网\n\n今年以来，我们做了许多工作。\n\n某县妇联工作总结\n\n一、加强组织\n培训妇女100名。\n";
        assert_eq!(split(t), vec![(0, "某县妇联工作总结".to_string())]);
    }

    #[test]
    fn same_title_after_a_body_with_headings_starts_a_new_report() {
        let body = "一、加强组织建设\n今年共培训妇女1800多名，落实贷款16万元。\n";
        let t = format!(
            "页面标题(3篇)\n\n妇联工作总结\n{body}\n妇联工作总结\n{body}\n妇联工作总结\n{body}"
        );
        let r = split(&t);
        assert_eq!(r.len(), 3, "{r:?}");
        assert!(r.iter().all(|(_, title)| title == "妇联工作总结"));
    }

    #[test]
    fn numbered_articles_start_reports_and_the_page_title_is_chrome() {
        let t = "妇联工作总结范文\n篇1：镇妇联工作总结\n一、组织\n正文。\n篇2：村妇联工作总结\n正文。\n";
        let r = split(t);
        assert_eq!(
            r.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            vec!["篇1：镇妇联工作总结", "篇2：村妇联工作总结"]
        );
    }

    #[test]
    fn pages_pasted_together_after_a_tail_still_split() {
        let page = |t: &str| {
            format!(
                "{t}\n来源:某网\n\n一、加强组织建设\n今年共培训妇女1800多名，落实贷款16万元，覆盖全镇十二个村的留守妇女和城镇失业妇女。\n热门标签\n妇联工作总结\n年终总结\n"
            )
        };
        let t = format!("{}\n{}", page("甲镇妇联工作总结"), page("乙镇妇联工作总结"));
        let r = split(&t);
        assert_eq!(
            r.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            vec!["甲镇妇联工作总结", "乙镇妇联工作总结"],
            "the tag cloud's 妇联工作总结 is no report"
        );
    }

    #[test]
    fn page_without_title_uses_first_text_line() {
        let t = "\n\n今年我们做了三件事，培训妇女100名。\n";
        let r = split_page(t, &Normalized::new(t)).reports;
        assert_eq!(
            (r[0].report.start, r[0].report.title.as_str()),
            (2, "今年我们做了三件事")
        );
        assert_eq!(
            r[0].body,
            vec![2..t.len() - 1],
            "the first line is body too"
        );
    }

    #[test]
    fn empty_and_chrome_only_pages_have_no_reports() {
        assert!(split("").is_empty());
        assert!(split("  \n\t\n").is_empty());
        assert!(split("您的当前位置:首页\n来源:某网\n热门标签\n妇联工作总结\n").is_empty());
    }

    #[test]
    fn ids_are_stable_under_edits_elsewhere() {
        let a = "妇联工作总结\n一、组织\n培训妇女100名。\n";
        let b = "您的当前位置:首页\n妇联工作总结\n一、组织\n培训妇女100名。\n二、新增\n";
        let id = |t: &str| {
            split_page(t, &Normalized::new(t)).reports[0]
                .report
                .id
                .clone()
        };
        assert_eq!(id(a), id(b));
    }
}
