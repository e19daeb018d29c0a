//! A scraped page into its reports: web chrome out (its metadata kept), one
//! report per title line (guide §1).

mod chrome;
mod meta;
mod org;
mod places;
mod separators;
mod starts;
mod titles;
mod year;

use std::ops::Range;

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

pub(crate) use chrome::page_marker_len;
pub use chrome::{ChromeMeta, LineClass, classify};
pub use meta::{ReportMeta, read_report_meta};

use separators::{Marks, squeeze, squeezed};
pub(crate) use starts::starts_like_heading;
use starts::{Start, Starts, report_starts};
use titles::is_title_candidate;

use crate::model::Report;
use crate::text::{Line, Normalized, split_lines, title_key};

/// One report found on a page, with the byte ranges of its body lines
/// (title lines and chrome left out) for the outline and figure parsers.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReport {
    pub report: Report,
    pub body: Vec<Range<usize>>,
    /// The title is a collection page's, shared by several reports: it says little of this one.
    pub shared_title: bool,
}

impl PageReport {
    /// Read year, body, level and place (guide §1) into the report. `opening_end` is
    /// where the report's opening stops: its first numbered heading, as the outline found it.
    pub fn read_meta(&mut self, text: &str, norm: &Normalized, opening_end: usize) {
        let r = &mut self.report;
        let m = read_report_meta(
            text,
            norm,
            &r.title,
            &self.body,
            self.shared_title,
            opening_end,
        );
        r.year = m.year;
        r.org = m.org;
        r.org_level = m.org_level;
        r.place = m.place;
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub reports: Vec<PageReport>,
    /// Source and date read from the page's chrome.
    pub meta: ChromeMeta,
}

/// Lines a page needs before its lines are classed on more than one core.
const PARALLEL_MIN_LINES: usize = 2048;
/// Longest entry (characters) of a table of contents.
const TOC_ENTRY_MAX: usize = 40;
/// Shortest line (bytes) taken for a preview when the next line repeats it: a
/// title repeated at the head of its first paragraph is no preview.
const PREVIEW_MIN_BYTES: usize = 90;

/// Each folded line trimmed, and its range in the folded text: found once, as
/// every step of the split reads the lines trimmed (five trims of each text
/// line, 47,324 calls and 4.7 M of a bench-sub parse, callgrind).
/// `lines`: the lines of the folded text, `folded` their text.
fn trim_lines<'f>(lines: &[Line], folded: &[&'f str]) -> TrimmedLines<'f> {
    let (ranges, trimmed) = lines
        .iter()
        .zip(folded)
        .map(|(l, f)| {
            let rest = f.trim_start();
            let t = rest.trim_end();
            let start = l.start + f.len() - rest.len();
            (start..start + t.len(), t)
        })
        .unzip();
    TrimmedLines { ranges, trimmed }
}

/// The page's folded lines trimmed (`trimmed`), with their ranges in the folded text.
struct TrimmedLines<'f> {
    ranges: Vec<Range<usize>>,
    trimmed: Vec<&'f str>,
}

/// The class of each line (`lines.trimmed`, the lines of `norm.text`), their
/// marks found in one look at the whole folded text. Lines are then classed
/// on their own: a page of many thousand lines uses every core.
/// The marks are returned too, for the chrome lines' metadata.
fn classify_lines(norm: &Normalized, lines: &TrimmedLines) -> (Vec<LineClass>, Vec<Marks>) {
    let marks = separators::marks_of_lines(&norm.text, &lines.ranges);
    let classes = lines
        .trimmed
        .par_iter()
        .zip(&marks)
        .with_min_len(PARALLEL_MIN_LINES)
        .map(|(t, &m)| chrome::classify_marked(t, m))
        .collect();
    (classes, marks)
}

/// Split a page into reports.
pub fn split_page(text: &str, norm: &Normalized) -> Page {
    // The fold keeps every line end where it was (no line-end byte folds, and
    // no character folds to one): the lines of the folded text are the text's,
    // each mapped back by the fold's shifts, where each line was mapped to
    // the folded text twice and again for its trim (the mapping 1.88 -> 0.84 M
    // of bench-sub, the trims 3.34 -> 2.52 M, callgrind).
    let folded_lines = split_lines(&norm.text);
    let lines: Vec<Line> = folded_lines
        .iter()
        .map(|l| Line {
            start: norm.to_orig(l.start),
            end: norm.to_orig(l.end),
        })
        .collect();
    let folded: Vec<&str> = folded_lines.iter().map(|l| l.text(&norm.text)).collect();
    let trimmed_lines = trim_lines(&folded_lines, &folded);
    let (mut classes, marks) = classify_lines(norm, &trimmed_lines);
    let folded_trimmed = &trimmed_lines.trimmed;
    mark_page_tails(&mut classes, folded_trimmed);
    // A page without `目录` has no table of contents: one search of the page,
    // where one a line cost 3.2 M of bench-sub (callgrind).
    if TOC_WORD.find(norm.text.as_bytes()).is_some() {
        mark_tables_of_contents(&mut classes, folded_trimmed);
    }
    mark_previews(&mut classes, folded_trimmed);
    let mut meta = ChromeMeta::default();
    let mut collection_page = false;
    for (i, c) in classes.iter().enumerate() {
        if matches!(c, LineClass::Chrome | LineClass::ChromeTail) {
            // Squeezed once, by its marks (a search of it for white space
            // each of two times cost 1.8 M of bench-sub, callgrind).
            let squeezed = squeezed(folded_trimmed[i], marks[i]);
            chrome::read_meta(&squeezed, lines[i].text(text), &mut meta);
            collection_page |= chrome::is_collection_header(&squeezed);
        }
    }

    let found = report_starts(&folded, folded_trimmed, &classes, collection_page);
    let starts = &found.starts;
    let mut title_counts: HashMap<&str, usize> = HashMap::new();
    for s in starts {
        *title_counts.entry(s.key.as_str()).or_default() += 1;
    }
    // The original range of a folded range of line `i`, trimmed.
    let orig_range = |i: usize, r: &Range<usize>| {
        let base = folded_lines[i].start;
        let span = norm.to_orig(base + r.start)..norm.to_orig(base + r.end);
        trimmed_range(text, span)
    };
    // Each report's body is cut on its own, in parallel on a page of many reports.
    let read_report = |(n, s): (usize, &Start)| {
        let stop = starts.get(n + 1).map_or(lines.len(), |next| next.line);
        let body = body_ranges(s, stop, &found, &classes, |i| match found.head(i) {
            Some(h) => orig_range(i, &(h.end..folded[i].len())),
            None => trimmed(&lines[i], text),
        });
        let title_range = match found.head(s.line) {
            Some(h) if !s.untitled => orig_range(s.line, h),
            _ => trimmed(&lines[s.line], text),
        };
        let title = title_text(s, text, &title_range, |i| {
            (classes[i] == LineClass::Text).then(|| &text[trimmed(&lines[i], text)])
        });
        let shared_title = collection_page || title_counts[s.key.as_str()] > 1;
        let end = body.last().map_or(title_range.end, |r| r.end);
        // Chrome between the report's first and last lines, to be shown dimmed.
        let first_body = if s.untitled { s.line + 1 } else { s.line };
        let repeat = |i: usize| s.repeats.binary_search(&i).is_ok() && found.head(i).is_none();
        let chrome: Vec<Range<usize>> = (s.title_end.max(first_body)..stop)
            .filter(|&i| lines[i].start < end)
            .filter(|&i| classes[i] != LineClass::Text || repeat(i))
            .map(|i| trimmed(&lines[i], text))
            .filter(|r| !r.is_empty())
            .collect();
        PageReport {
            report: Report {
                id: String::new(),
                start: title_range.start,
                end,
                title,
                source: meta.source.clone(),
                published: meta.published.clone(),
                chrome,
                ..Default::default()
            },
            body,
            shared_title,
        }
    };
    let mut reports: Vec<PageReport> = starts.par_iter().enumerate().map(read_report).collect();
    assign_ids(&mut reports, norm);
    Page { reports, meta }
}

/// The title of the report starting at `s`, whose title line's title stands
/// at `title_range`: an untitled report is named by its first clause; a title
/// over several lines (`line_text` gives a text line's text) is read whole.
fn title_text<'t>(
    s: &Start,
    text: &'t str,
    title_range: &Range<usize>,
    line_text: impl Fn(usize) -> Option<&'t str>,
) -> String {
    if s.untitled {
        first_clause(&text[title_range.clone()])
    } else if s.title_end > s.line + 1 {
        // A title broken one word a line, or an article's mark over its title.
        (s.line..s.title_end)
            .filter_map(line_text)
            .collect::<Vec<_>>()
            .join(s.title_joiner)
    } else {
        text[title_range.clone()].to_string()
    }
}

/// The body lines of the report starting at `s`, up to line `stop`: its text
/// lines, less its title lines, save what follows a title on its own line.
/// `range` gives a body line's range: the text after the title on a title line.
fn body_ranges(
    s: &Start,
    stop: usize,
    found: &Starts,
    classes: &[LineClass],
    range: impl Fn(usize) -> Range<usize>,
) -> Vec<Range<usize>> {
    // A page with no title line: its first line is body too, and names the report.
    let first_body = if s.untitled { s.line + 1 } else { s.line };
    let title_line = |i: usize| !s.untitled && i == s.line || s.repeats.binary_search(&i).is_ok();
    let first = s.untitled.then(|| range(s.line));
    first
        .into_iter()
        .chain(
            (first_body..stop)
                .filter(|&i| classes[i] == LineClass::Text)
                .filter(|&i| !title_line(i) || found.head(i).is_some())
                .map(range),
        )
        .filter(|r| !r.is_empty())
        .collect()
}

/// After a page's tail (tag cloud, "read more", print buttons) everything is chrome,
/// until a new page begins where pages were pasted together: a title line with a
/// paragraph of text soon under it. `trimmed`: the page's folded lines, trimmed.
fn mark_page_tails(classes: &mut [LineClass], trimmed: &[&str]) {
    let mut in_tail = false;
    for i in 0..classes.len() {
        match classes[i] {
            LineClass::ChromeTail => in_tail = true,
            LineClass::Text if in_tail => {
                if is_title_candidate(trimmed[i]) && opens_a_page(classes, trimmed, i) {
                    in_tail = false;
                } else {
                    classes[i] = LineClass::ChromeTail;
                }
            }
            _ => {}
        }
    }
}

/// `目录`, searched for in every line by memchr's vector search (a `str::contains`
/// a line built its searcher each time).
static TOC_WORD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("目录"));

/// A table of contents is chrome: a `目录` line, or one that runs its entries in
/// (`目录 1.… 2.…`), and the numbered entries standing under it, one a line.
/// `trimmed`: the page's folded lines, trimmed.
fn mark_tables_of_contents(classes: &mut [LineClass], trimmed: &[&str]) {
    let mut i = 0;
    while i < classes.len() {
        let is_toc_head = TOC_WORD.find(trimmed[i].as_bytes()).is_some() && {
            let head = squeeze(trimmed[i]);
            head == "目录" || chrome::is_inline_toc(&head)
        };
        if !is_toc_head {
            i += 1;
            continue;
        }
        classes[i] = LineClass::Chrome;
        i += 1;
        while i < classes.len() {
            let f = trimmed[i];
            let entry = classes[i] == LineClass::Text
                && starts_like_heading(f)
                && !f.contains('。')
                && f.chars().nth(TOC_ENTRY_MAX).is_none();
            if entry {
                classes[i] = LineClass::Chrome;
            } else if classes[i] != LineClass::Blank {
                break;
            }
            i += 1;
        }
    }
}

/// A page's preview of its opening, cut short and then printed in full on the
/// next line (spaced otherwise), is no part of the report (guide §2).
/// `trimmed`: the page's folded lines, trimmed.
fn mark_previews(classes: &mut [LineClass], trimmed: &[&str]) {
    let mut prev: Option<usize> = None;
    for i in 0..classes.len() {
        if classes[i] != LineClass::Text {
            continue;
        }
        if let Some(p) = prev
            && trimmed[p].len() >= PREVIEW_MIN_BYTES
            && is_cut_copy(trimmed[p], trimmed[i])
        {
            classes[p] = LineClass::Preview;
        }
        prev = Some(i);
    }
}

/// `b` begins with all of `a` and goes on, white space aside.
fn is_cut_copy(a: &str, b: &str) -> bool {
    let mut b_chars = b.chars().filter(|c| !c.is_whitespace());
    let mut a_len = 0;
    for ca in a.chars().filter(|c| !c.is_whitespace()) {
        if b_chars.next() != Some(ca) {
            return false;
        }
        a_len += 1;
    }
    a_len > 0 && b_chars.next().is_some()
}

/// Within the next few lines under `i` stands a paragraph or an outline heading,
/// and no other title line comes first (a tag cloud is a run of title-like lines).
/// `trimmed`: the page's folded lines, trimmed.
fn opens_a_page(classes: &[LineClass], trimmed: &[&str], i: usize) -> bool {
    let key = title_key(trimmed[i]);
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
        let f = trimmed[j];
        if f.chars().count() >= 60 || starts_like_heading(f) {
            return true;
        }
        if is_title_candidate(f) && title_key(f) != key {
            return false;
        }
    }
    false
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
    trimmed_range(text, line.start..line.end)
}

/// `r` without leading and trailing white space.
fn trimmed_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// Ids from the folded title and the opening of the body: stable across
/// re-parses and edits elsewhere in the file. Same-looking reports get `-2`, `-3`.
fn assign_ids(reports: &mut [PageReport], norm: &Normalized) {
    // How many reports took each id so far: a page of many reports costs no more a report.
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for pr in reports.iter_mut() {
        let mut key = crate::text::fold_str(&pr.report.title);
        if let Some(first) = pr.body.first() {
            let f = norm.to_folded(first.start)..norm.to_folded(first.end);
            // The first 80 characters, sliced (collected a character at a time: 2.6 M of bench-sub, callgrind).
            let line = norm.text.get(f).unwrap_or("");
            let end = line.char_indices().nth(80).map_or(line.len(), |(i, _)| i);
            key.push('\n');
            key.push_str(&line[..end]);
        }
        // Keyed by the hash the id is written from: no copy of the id a report.
        let hash = xxh3_64(key.as_bytes()) >> 16;
        let base = format!("{hash:012x}");
        let n = seen.entry(hash).or_default();
        *n += 1;
        pr.report.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

/// Every real page in ../shared (corpus, pages, gov), as read: the inputs the
/// metadata tests compare a fast path with its plain reading on.
#[cfg(test)]
pub(crate) fn shared_pages() -> Vec<String> {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let pages: Vec<String> = ["corpus", "pages", "gov"]
        .iter()
        .filter_map(|d| std::fs::read_dir(shared.join(d)).ok())
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    assert!(pages.len() > 20, "shared pages read: {}", pages.len());
    pages
}

/// [`shared_pages`], folded.
#[cfg(test)]
pub(crate) fn folded_shared_pages() -> Vec<String> {
    let fold = |p: String| crate::text::fold_str(&p);
    shared_pages().into_iter().map(fold).collect()
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
    fn same_looking_reports_are_numbered_in_order() {
        let one = "妇联工作总结\n一、组织\n培训妇女100名,走访困难家庭50户,各项工作有序推进,取得了较好的成效,得到了上级妇联的充分肯定。\n";
        let t = one.repeat(3);
        let ids: Vec<String> = split_page(&t, &Normalized::new(&t))
            .reports
            .into_iter()
            .map(|r| r.report.id)
            .collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert_eq!(ids[2], format!("{}-3", ids[0]));
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
