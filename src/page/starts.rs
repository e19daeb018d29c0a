//! Where reports start on a page (guide §1): title lines, numbered articles
//! under a collection page's own title, titles broken one word a line, and the
//! part headings inside a report that only look like titles.

use super::chrome::LineClass;
use crate::text::title_key;

/// A body this long, or any outline heading, means a repeated title starts a new report.
const REPEAT_TITLE_MAX_GAP: usize = 1500;
/// A different title line this close under the current one is its subtitle, not a new report.
const SUBTITLE_MAX_GAP: usize = 300;
/// Longest line (characters) of a title printed one word a line (`2023` `街道` `妇联`).
const BROKEN_TITLE_WORD: usize = 6;
/// Most lines a broken title is spread over.
const BROKEN_TITLE_MAX_LINES: usize = 12;

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
}

/// How a title line says it is one of a page's numbered articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArticleNumber {
    /// `篇1`, `[篇1]`, `【篇二】` before or after the title.
    Explicit,
    /// A number closing a title (`镇妇联年度工作总结1`): a numbered article
    /// only on a page that has more of them or calls itself a collection.
    Trailing,
}

/// Find report title lines. A page that numbers its articles (篇1, 篇一, [篇1],
/// a title ending in 1) starts a report at each numbered title, and its own
/// title above them is chrome; otherwise each title line starts one, unless it
/// repeats the current title before any outline or much body (a page title
/// followed by the same title, or a title over a short intro). Part headings
/// (`“十四五”时期工作回顾`) inside a report are its body.
pub(super) fn report_starts(
    folded: &[&str],
    classes: &[LineClass],
    collection_page: bool,
) -> Vec<Start> {
    let text_lines: Vec<usize> = (0..folded.len())
        .filter(|&i| classes[i] == LineClass::Text)
        .collect();
    let numbers: Vec<Option<ArticleNumber>> = folded
        .iter()
        .zip(classes)
        .map(|(f, c)| {
            (*c == LineClass::Text)
                .then(|| article_number(f.trim()))
                .flatten()
        })
        .collect();
    let count = |k: ArticleNumber| numbers.iter().filter(|n| **n == Some(k)).count();
    let trailing = count(ArticleNumber::Trailing);
    let numbered_page =
        count(ArticleNumber::Explicit) >= 1 || trailing >= 2 || (trailing == 1 && collection_page);

    let mut starts: Vec<Start> = Vec::new();
    let mut body_bytes = 0usize;
    let mut saw_heading = false;
    let mut skip_to = 0;
    // Lines up to here belong to a run of short lines already looked at.
    let mut short_run_end = 0;
    for &i in &text_lines {
        if i < skip_to {
            continue;
        }
        let f = folded[i].trim();
        let broken = if i < short_run_end {
            None
        } else {
            let (title, end) = broken_title(folded, classes, i);
            short_run_end = end;
            title.map(|key| (key, end))
        };
        let (key, run_end) = match broken {
            Some((key, end)) => (Some(key), end),
            None => (is_title_candidate(f).then(|| title_key(f)), i + 1),
        };
        let Some(key) = key else {
            if !starts.is_empty() {
                body_bytes += f.len();
                saw_heading |= starts_like_heading(f);
            }
            continue; // before the first title: site names and the like
        };
        skip_to = run_end;
        if let Some(cur) = starts.last()
            && key != cur.key
            && crate::outline::is_part_heading(f)
        {
            // `2013年工作回顾` under the report's title: a heading of its body.
            body_bytes += f.len();
            saw_heading = true;
            continue;
        }
        let may_start = !numbered_page || numbers[i].is_some();
        if let Some(cur) = starts.last_mut() {
            let close = !saw_heading
                && (body_bytes < SUBTITLE_MAX_GAP
                    || (key == cur.key && body_bytes < REPEAT_TITLE_MAX_GAP));
            if close && !(numbered_page && may_start) {
                // The same title again, or a second title line over a short intro: one report.
                cur.repeats.extend(i..run_end);
                continue;
            }
        }
        if !may_start {
            if !starts.is_empty() {
                body_bytes += f.len();
            }
            continue;
        }
        starts.push(Start {
            line: i,
            key,
            repeats: (i + 1..run_end).collect(),
            untitled: false,
            title_end: run_end,
        });
        body_bytes = 0;
        saw_heading = false;
    }
    if starts.is_empty() {
        // No line looks like a title: the first line of text is the report's title.
        if let Some(&i) = text_lines.first() {
            starts.push(Start {
                line: i,
                key: title_key(folded[i]),
                repeats: Vec::new(),
                untitled: true,
                title_end: i + 1,
            });
        }
    }
    starts
}

/// A title printed one word a line (`2023` `街道` `妇联` `工作总结` `报告`): three to
/// `BROKEN_TITLE_MAX_LINES` short lines in a row that read as a title together.
/// The joined title's key, if they do, and the line after the run of short lines.
fn broken_title(folded: &[&str], classes: &[LineClass], i: usize) -> (Option<String>, usize) {
    let short = |j: usize| {
        classes.get(j) == Some(&LineClass::Text) && {
            let w = folded[j].trim();
            w.chars().nth(BROKEN_TITLE_WORD).is_none()
                && !w.contains(|c: char| c.is_ascii_punctuation() || "。，、；：！？".contains(c))
        }
    };
    let end = (i..folded.len())
        .find(|&j| !short(j))
        .unwrap_or(folded.len());
    if !(3..=BROKEN_TITLE_MAX_LINES).contains(&(end - i)) {
        return (None, end);
    }
    let joined: String = folded[i..end].iter().map(|w| w.trim()).collect();
    (is_title_candidate(&joined).then(|| title_key(&joined)), end)
}

/// Words that name a report in its title.
pub(super) const REPORT_WORDS: &[&str] = &[
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
pub(super) fn is_title_candidate(f: &str) -> bool {
    // Four bytes a character at most: a longer line is no title, and is not counted.
    if f.len() > 60 * 4 {
        return false;
    }
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
    REPORT_WORDS.iter().any(|w| f.contains(w)) || article_number(f).is_some()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// `篇1`, `篇一：…`, `[篇1]…`, `【篇二】…`, `… 篇1`, `…[篇1]`, `…工作总结1`: a page's numbered article.
fn article_number(f: &str) -> Option<ArticleNumber> {
    let lead = f.trim_start_matches(['[', '【', '(', '（', ' ']);
    let pian_n = lead
        .strip_prefix('篇')
        .and_then(|r| r.chars().next())
        .is_some_and(is_numeral);
    // `第1篇`, `第三篇：`
    let nth_pian = lead
        .strip_prefix('第')
        .map(|r| r.trim_start_matches(is_numeral))
        .is_some_and(|r| r.len() < lead.len() - '第'.len_utf8() && r.starts_with('篇'));
    if pian_n || nth_pian {
        return Some(ArticleNumber::Explicit);
    }
    let tail = f.trim_end_matches([']', '】', ')', '）', ' ']);
    let stem = tail.trim_end_matches(is_numeral);
    if stem.len() == tail.len() {
        return None;
    }
    if stem.ends_with('篇') {
        return Some(ArticleNumber::Explicit);
    }
    let digits = &tail[stem.len()..];
    let short_number = digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit());
    let titled = REPORT_WORDS
        .iter()
        .chain(&["范文", "精选"])
        .any(|w| stem.ends_with(w));
    (short_number && tail.len() == f.len() && titled).then_some(ArticleNumber::Trailing)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    #[test]
    fn numbered_articles() {
        use ArticleNumber::*;
        let cases: &[(&str, Option<ArticleNumber>)] = &[
            ("篇1：镇妇联工作总结", Some(Explicit)),
            ("【篇二】村妇联工作总结", Some(Explicit)),
            ("社区妇联工作总结 篇3", Some(Explicit)),
            ("村级妇女儿童工作汇报 [篇1]", Some(Explicit)),
            ("团委工作报告篇一", Some(Explicit)),
            ("乡妇联年度工作总结1", Some(Trailing)),
            ("妇联换届工作总结12", Some(Trailing)),
            ("第2篇 社区工作总结", Some(Explicit)),
            ("村委会工作总结范文3", Some(Trailing)),
            ("第一次妇代会工作报告", None),
            ("妇联工作总结汇编8篇", None),
            ("2014年妇联工作总结", None),
            ("妇联工作总结(一)", None),
            ("培训妇女100", None),
        ];
        for (line, want) in cases {
            assert_eq!(article_number(&fold_str(line)), *want, "{line}");
        }
    }
}
