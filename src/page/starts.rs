//! Where reports start on a page (guide §1): title lines, numbered articles
//! under a collection page's own title, titles broken one word a line or
//! sharing their line with the text, reports with no title line, and the lines
//! inside a report that only look like titles (part headings, a sentence that
//! names a meeting, a title with nothing to show a new report begins).

use std::ops::Range;

use foldhash::{HashSet, HashSetExt};
use xxhash_rust::xxh3::xxh3_64;

use super::chrome::LineClass;
use super::titles::{
    Article, ArticleKind, article_number, is_salutation, is_title_candidate,
    title_head_and_candidate,
};
use crate::text::title_key;

/// A body this long, or any outline heading, means a repeated title starts a new report.
const REPEAT_TITLE_MAX_GAP: usize = 1500;
/// A different title line this close under the current one is its subtitle, not a new report.
const SUBTITLE_MAX_GAP: usize = 300;
/// Longest line (characters) of a title printed one word a line (`2023` `街道` `妇联`).
const BROKEN_TITLE_WORD: usize = 6;
/// Most lines a broken title is spread over.
const BROKEN_TITLE_MAX_LINES: usize = 12;
/// Lines under a title looked at for an outline that starts over (`一、`).
const RESTART_LOOKAHEAD_LINES: usize = 8;
/// Shortest ending (characters) two titles share when they are a page's parallel
/// reports (`甲镇妇联工作总结`, `乙镇妇联工作总结`).
const PARALLEL_TITLE_END_CHARS: usize = 6;
/// Shortest line (characters) with a full stop that makes a report's opening
/// paragraph before its first part heading.
const OPENING_PARAGRAPH_CHARS: usize = 20;

/// Words of a site's preamble over the articles it collects.
const PREAMBLE_WORDS: &[&str] = &["小编", "范文", "仅供参考", "欢迎阅读", "供大家参考"];
/// Lines above a first part heading looked at for the report's opening.
const OPENING_MAX_LINES: usize = 40;

/// Where a report starts, and the later lines that only repeat its title.
#[derive(Debug)]
pub(super) struct Start {
    pub line: usize,
    pub key: String,
    /// In increasing order.
    pub repeats: Vec<usize>,
    /// No title line was found; the report starts at its first line of text.
    pub untitled: bool,
    /// The line after the title: more than one on for a title broken one word a line.
    pub title_end: usize,
    /// What joins the lines of a title over several lines: nothing for a title broken
    /// one word a line, a space after an article's mark (`篇一` over its title).
    pub title_joiner: &'static str,
}

/// The report starts of a page, and the title lines that hold more than a title.
#[derive(Debug, Default)]
pub(super) struct Starts {
    pub starts: Vec<Start>,
    /// `(line, title)`, in line order: a title line (a report's or a repeat) that
    /// holds more than its title; the title's byte range in the folded line. What
    /// follows the title on the line is the report's text.
    pub heads: Vec<(usize, Range<usize>)>,
}

impl Starts {
    /// The title's range in the folded line `i`, where the line holds more than a title.
    pub fn head(&self, i: usize) -> Option<&Range<usize>> {
        self.heads
            .binary_search_by_key(&i, |(l, _)| *l)
            .ok()
            .map(|k| &self.heads[k].1)
    }
}

/// What the start pass reads a page by.
struct Page<'a> {
    folded: &'a [&'a str],
    /// The folded lines, trimmed.
    trimmed: &'a [&'a str],
    classes: &'a [LineClass],
    /// Per line, the numbered article its text marks.
    numbers: Vec<Option<Article>>,
    numbered: bool,
    /// The page calls itself a collection of articles (`…汇编8篇`).
    collection: bool,
}

/// The report being read, as the pass goes down the page.
#[derive(Default)]
struct Open {
    body_bytes: usize,
    saw_heading: bool,
}

/// Find report title lines. A page that numbers its articles (篇1, 篇一, [篇1],
/// a title ending in 1) starts a report at each numbered title, and its own
/// title above them is chrome; otherwise each title line starts one, unless it
/// repeats the current title before any outline or much body (a page title
/// followed by the same title, or a title over a short intro). A title inside
/// an open report starts a new one only on evidence beyond its report word
/// (`new_report_evidence`). Part headings (`“十四五”时期工作回顾`) inside a report
/// are its body. A report with no title line starts at its first line of text:
/// a salutation (`各位代表：`), or the paragraph above its first part heading.
/// `trimmed`: the `folded` lines, trimmed.
pub(super) fn report_starts(
    folded: &[&str],
    trimmed: &[&str],
    classes: &[LineClass],
    collection_page: bool,
) -> Starts {
    let numbers: Vec<Option<Article>> = trimmed
        .iter()
        .zip(classes)
        .map(|(f, c)| (*c == LineClass::Text).then(|| article_number(f)).flatten())
        .collect();
    let numbered = is_numbered_page(trimmed, classes, &numbers, collection_page);
    let mut pass = Pass {
        page: Page {
            folded,
            trimmed,
            classes,
            numbers,
            numbered,
            collection: collection_page,
        },
        out: Starts::default(),
        open: Open::default(),
        skip_to: 0,
        short_run_end: 0,
        start_keys: HashSet::new(),
    };
    let text_lines = (0..folded.len()).filter(|&i| classes[i] == LineClass::Text);
    for i in text_lines.clone() {
        if i >= pass.skip_to {
            pass.read_line(i);
        }
    }
    let mut out = pass.out;
    if out.starts.is_empty() {
        // No line looks like a title: the first line of text is the report's title.
        out.starts
            .extend(text_lines.take(1).map(|i| untitled(folded, i)));
    }
    out
}

/// The title a line holds (or a run of lines from it).
struct LineTitle {
    key: String,
    /// The line after the title.
    run_end: usize,
    /// Where the line holds more than its title: the title's range in the folded line.
    head: Option<Range<usize>>,
    /// A title broken one word a line.
    broken: bool,
}

/// The start pass, going down a page's text lines.
struct Pass<'a> {
    page: Page<'a>,
    out: Starts,
    open: Open,
    /// Lines before this one belong to a title already read.
    skip_to: usize,
    /// Lines up to here belong to a run of short lines already looked at.
    short_run_end: usize,
    /// Hashes of the titles that started a report.
    start_keys: HashSet<u64>,
}

impl Pass<'_> {
    fn read_line(&mut self, i: usize) {
        let f = self.page.trimmed[i];
        let Some(t) = self.title_on(i) else {
            if self.out.starts.is_empty() && is_salutation(f) {
                self.out.starts.push(untitled(self.page.folded, i));
            } else {
                self.body_line(f, starts_like_heading(f));
            }
            return; // before the first title: site names and the like
        };
        let part_heading = crate::outline::is_part_heading(f);
        if self.out.starts.is_empty()
            && part_heading
            && let Some(first) = opening_before(&self.page, i)
        {
            // `各位代表：…` over `过去一年工作回顾`: the report began above its first part heading.
            self.out.starts.push(untitled(self.page.folded, first));
        }
        self.skip_to = t.run_end;
        if let Some(cur) = self.out.starts.last()
            && t.key != cur.key
            && part_heading
        {
            // `2013年工作回顾` under the report's title: a heading of its body.
            self.body_line(f, true);
            return;
        }
        let page = &self.page;
        let may_start = !page.numbered || page.numbers[i].is_some();
        if let Some(cur) = self.out.starts.last_mut() {
            let open = &self.open;
            let close = !open.saw_heading
                && (open.body_bytes < SUBTITLE_MAX_GAP
                    || (t.key == cur.key && open.body_bytes < REPEAT_TITLE_MAX_GAP));
            if close && !(page.numbered && may_start) {
                // The same title again, or a second title line over a short intro: one report.
                cur.repeats.extend(i..t.run_end);
                self.out.heads.extend(t.head.map(|r| (i, r)));
                return;
            }
        }
        let starts = &self.out.starts;
        let repeated = self.start_keys.contains(&xxh3_64(t.key.as_bytes()));
        let evidence = starts.is_empty()
            || repeated
            || new_report_evidence(page, starts, i, t.run_end, &t.key, t.head.as_ref());
        if !may_start || !evidence {
            self.body_line(f, false);
            return;
        }
        self.start_keys.insert(xxh3_64(t.key.as_bytes()));
        self.out.starts.push(Start {
            line: i,
            key: t.key,
            repeats: (i + 1..t.run_end).collect(),
            untitled: false,
            title_end: t.run_end,
            title_joiner: if t.broken { "" } else { " " },
        });
        self.out.heads.extend(t.head.map(|r| (i, r)));
        self.open = Open::default();
    }

    /// A line of the open report's text (none is open before the first title).
    fn body_line(&mut self, f: &str, heading: bool) {
        if !self.out.starts.is_empty() {
            self.open.body_bytes += f.len();
            self.open.saw_heading |= heading;
        }
    }

    /// The title on line `i`: a title broken one word a line from it, a title
    /// sharing the line with other text, an article's mark over its title, the line.
    fn title_on(&mut self, i: usize) -> Option<LineTitle> {
        let folded = self.page.folded;
        if i >= self.short_run_end {
            let (title, end) = broken_title(self.page.trimmed, self.page.classes, i);
            self.short_run_end = end;
            if let Some(key) = title {
                return Some(LineTitle {
                    key,
                    run_end: end,
                    head: None,
                    broken: true,
                });
            }
        }
        let line = folded[i];
        let (head, candidate) = title_head_and_candidate(line);
        let Some(head) = head else {
            let f = self.page.trimmed[i];
            let candidate = candidate.unwrap_or_else(|| is_title_candidate(f));
            return candidate.then(|| LineTitle {
                key: title_key(f),
                run_end: i + 1,
                head: None,
                broken: false,
            });
        };
        let (key, run_end) = lone_article_title(&self.page, i, &head)
            .unwrap_or_else(|| (title_key(&line[head.clone()]), i + 1));
        // A title line that holds only its title is no head.
        let lead = line.len() - line.trim_start().len();
        let partial = head.start > lead || head.end < line.trim_end().len();
        Some(LineTitle {
            key,
            run_end,
            head: partial.then_some(head),
            broken: false,
        })
    }
}

/// A report with no title line, starting at line `i`.
fn untitled(folded: &[&str], i: usize) -> Start {
    Start {
        line: i,
        key: title_key(folded[i]),
        repeats: Vec::new(),
        untitled: true,
        title_end: i + 1,
        title_joiner: "",
    }
}

/// A page numbers its articles: one says so (`篇1`), two or more end in a
/// number, or one does (`…工作总结1`) on a collection page or right under the
/// page's own title (`妇联工作总结` then `妇联工作总结1`).
fn is_numbered_page(
    trimmed: &[&str],
    classes: &[LineClass],
    numbers: &[Option<Article>],
    collection_page: bool,
) -> bool {
    let of_kind = |k: ArticleKind| {
        numbers
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.is_some_and(|a| a.kind == k))
            .map(|(i, _)| i)
    };
    let trailing: Vec<usize> = of_kind(ArticleKind::Trailing).take(2).collect();
    if of_kind(ArticleKind::Explicit).next().is_some() || trailing.len() >= 2 {
        return true;
    }
    let Some(&i) = trailing.first() else {
        return false;
    };
    let first = numbers[i].is_some_and(|a| a.number == Some(1));
    collection_page || (first && titled_above(trimmed, classes, i))
}

/// A title line stands above line `i`, with no heading and no long body
/// between (`trimmed`: the page's folded lines, trimmed).
fn titled_above(trimmed: &[&str], classes: &[LineClass], i: usize) -> bool {
    let mut bytes = 0;
    for j in (0..i).rev().filter(|&j| classes[j] == LineClass::Text) {
        let f = trimmed[j];
        if is_title_candidate(f) {
            return true;
        }
        bytes += f.len();
        if starts_like_heading(f) || bytes > REPEAT_TITLE_MAX_GAP {
            return false;
        }
    }
    false
}

/// A numbered article's mark alone on line `i` (`篇一`), its title on the next
/// line of text: the key of the two read as one title, and the line after them.
fn lone_article_title(page: &Page, i: usize, head: &Range<usize>) -> Option<(String, usize)> {
    let f = page.folded[i];
    if head.end < f.trim_end().len() || page.numbers[i].is_none() {
        return None;
    }
    let next = (i + 1..page.folded.len()).find(|&j| page.classes[j] != LineClass::Blank)?;
    let title = page.trimmed[next];
    (page.classes[next] == LineClass::Text && is_title_candidate(title))
        .then(|| (title_key(&format!("{}{title}", page.trimmed[i])), next + 1))
}

/// Whether a title line inside an open report starts a new report (besides
/// repeating an earlier report's title): it is an article of a page that
/// numbers its articles or calls itself a collection (`…汇编8篇`), ends
/// as the current title does (`甲镇妇联工作总结` … `乙镇妇联工作总结`), stands at a
/// page's edge (chrome just above it or just under it), or the outline starts
/// over under it (`一、`). A report word alone (`…年终总结会…`) is no evidence.
fn new_report_evidence(
    page: &Page,
    starts: &[Start],
    i: usize,
    run_end: usize,
    key: &str,
    head: Option<&Range<usize>>,
) -> bool {
    // On a page that collects articles, a title after a report's body is the next article.
    let article = page.collection || (page.numbered && page.numbers[i].is_some());
    let parallel = starts.last().is_some_and(|cur| {
        !cur.untitled && shared_ending(&cur.key, key) >= PARALLEL_TITLE_END_CHARS
    });
    article
        || parallel
        || at_page_edge(page.classes, i, run_end)
        || outline_starts_over(page, i, run_end, head)
}

/// Characters two strings share at their end.
fn shared_ending(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Chrome stands right above line `i` or right under the title ending before `run_end`.
fn at_page_edge(classes: &[LineClass], i: usize, run_end: usize) -> bool {
    let chrome = |c: &LineClass| matches!(c, LineClass::Chrome | LineClass::ChromeTail);
    let above = classes[..i].iter().rev().find(|c| **c != LineClass::Blank);
    let below = classes[run_end..].iter().find(|c| **c != LineClass::Blank);
    above.is_some_and(chrome) || below.is_some_and(chrome)
}

/// A heading numbered 1 opens one of the next few lines (or the rest of the
/// title's own line), before any other title.
fn outline_starts_over(page: &Page, i: usize, run_end: usize, head: Option<&Range<usize>>) -> bool {
    let first = |f: &str| crate::outline::leading_marker(f).is_some_and(|(n, _)| n == Some(1));
    if head.is_some_and(|r| first(page.folded[i][r.end..].trim_start())) {
        return true;
    }
    (run_end..page.folded.len())
        .filter(|&j| page.classes[j] == LineClass::Text)
        .take(RESTART_LOOKAHEAD_LINES)
        .map(|j| page.trimmed[j])
        .take_while(|f| !is_title_candidate(f))
        .any(first)
}

/// The first line of a report that began above line `i` (its first part
/// heading) with no title: the run of text lines since the last chrome holds a
/// paragraph; the report starts at its first line that is a sentence or a
/// salutation (a site's name before it is not the report).
fn opening_before(page: &Page, i: usize) -> Option<usize> {
    let run: Vec<usize> = (0..i)
        .rev()
        .take(OPENING_MAX_LINES)
        .take_while(|&j| matches!(page.classes[j], LineClass::Text | LineClass::Blank))
        .filter(|&j| page.classes[j] == LineClass::Text)
        .collect();
    let paragraph = run.iter().any(|&j| {
        let f = page.trimmed[j];
        f.contains('。') && f.chars().nth(OPENING_PARAGRAPH_CHARS).is_some()
    });
    // A site's preamble (`下面是小编整理的…`) over an article is no report's opening.
    let preamble = run
        .iter()
        .any(|&j| PREAMBLE_WORDS.iter().any(|w| page.trimmed[j].contains(w)));
    if !paragraph || preamble {
        return None;
    }
    run.into_iter().rev().find(|&j| {
        let f = page.trimmed[j];
        is_salutation(f) || f.contains(['。', '，', ',', ':', '：'])
    })
}

/// A title printed one word a line (`2023` `街道` `妇联` `工作总结` `报告`): three to
/// `BROKEN_TITLE_MAX_LINES` short lines in a row that read as a title together.
/// The joined title's key, if they do, and the line after the run of short
/// lines (`trimmed`: the page's folded lines, trimmed).
fn broken_title(trimmed: &[&str], classes: &[LineClass], i: usize) -> (Option<String>, usize) {
    let short = |j: usize| {
        classes.get(j) == Some(&LineClass::Text) && {
            let w = trimmed[j];
            w.chars().nth(BROKEN_TITLE_WORD).is_none()
                && !w.contains(|c: char| c.is_ascii_punctuation() || "。，、；：！？".contains(c))
        }
    };
    let end = (i..trimmed.len())
        .find(|&j| !short(j))
        .unwrap_or(trimmed.len());
    if !(3..=BROKEN_TITLE_MAX_LINES).contains(&(end - i)) {
        return (None, end);
    }
    let joined: String = trimmed[i..end].concat();
    (is_title_candidate(&joined).then(|| title_key(&joined)), end)
}

/// Outline markers at a line start: `一、` `(一)` `1.` `1、` `一是` `第一,` `①`.
pub(crate) fn starts_like_heading(f: &str) -> bool {
    // Read in place, nothing collected: asked of every text line, the copies
    // of its numeral (and of a whole line opening with `(`) cost 6.5 M of a
    // 1,361 M bench-sub parse (callgrind).
    let t = f.trim_start();
    let mut it = t.chars();
    let Some(c0) = it.next() else { return false };
    if ('①'..='⑳').contains(&c0) || ('⒈'..='⒛').contains(&c0) {
        return true;
    }
    if c0 == '(' {
        let inner = it.as_str().split(')').next().unwrap_or("");
        return !inner.is_empty()
            && inner.chars().nth(3).is_none()
            && inner
                .chars()
                .all(|c| is_cn_numeral(c) || c.is_ascii_digit());
    }
    if c0 == '第' {
        let rest = it.as_str();
        let rest = &rest[..rest.char_indices().nth(4).map_or(rest.len(), |(i, _)| i)];
        let after = rest.trim_start_matches(is_cn_numeral);
        return after.len() < rest.len()
            && after.starts_with([',', '，', '、', '是'])
            && !after.starts_with("是第");
    }
    // Most lines open with no numeral: settled by the character read, before
    // the trim below (starts_like_heading 3.02 -> 2.78 M of bench-sub, callgrind).
    if !(is_cn_numeral(c0) || c0.is_ascii_digit()) {
        return false;
    }
    let rest = t.trim_start_matches(|c: char| is_cn_numeral(c) || c.is_ascii_digit());
    let num = &t[..t.len() - rest.len()];
    if num.is_empty() || num.chars().nth(3).is_some() {
        return false;
    }
    if num.bytes().all(|b| b.is_ascii_digit()) {
        let mut after = rest.chars();
        return matches!(after.next(), Some('.' | '、'))
            && !after.next().is_some_and(|c| c.is_ascii_digit());
    }
    rest.starts_with('、') || rest.starts_with('是')
}

/// `一` to `十`: the numerals of an outline's headings and of numbered articles.
pub(super) fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `starts_like_heading` as it was written, collecting the numeral it reads.
    fn starts_like_heading_by_copies(f: &str) -> bool {
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

    #[test]
    fn heading_starts_read_in_place_as_by_copies() {
        // every character of the plane after and inside each kind of marker
        let contexts: [fn(char) -> String; 8] = [
            |c| format!("{c}、加强"),
            |c| format!("({c})强化"),
            |c| format!("(一{c}"),
            |c| format!("第{c}、"),
            |c| format!("第二{c}是第"),
            |c| format!("1{c}2"),
            |c| format!("十二{c}"),
            |c| format!(" 一{c}是"),
        ];
        crate::text::in_every_bmp_context(&contexts, |line, c| {
            assert_eq!(
                starts_like_heading(line),
                starts_like_heading_by_copies(line),
                "{:04X} {line}",
                c as u32
            );
        });
    }
}
