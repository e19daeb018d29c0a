//! Title lines (guide §1): what a report's title looks like, how a collection
//! page numbers its articles, a title that shares its line with the text under
//! it, and the salutation that opens a speech printed without a title.

use std::ops::Range;

use super::chrome::page_marker_len;
use super::starts::{is_cn_numeral, starts_like_heading};
use super::year::opens_with_year;
use crate::text::BmpSet;

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

/// What follows a report word that names a meeting or an act, not a report:
/// `年终总结会`, `总结表彰大会`, `报告会`, `总结经验`, `总结了`.
const EVENT_AFTER: &[&str] = &[
    "会", "表彰", "经验", "交流", "推广", "评比", "评议", "演出", "团", "了", "出",
];

/// Longest title, in characters.
const TITLE_MAX_CHARS: usize = 60;

/// A line that could be a report's title: short, not a sentence (no full stop,
/// no closing punctuation, no day of a month), not an outline item, naming itself
/// a report or one of a page's numbered articles.
pub(super) fn is_title_candidate(f: &str) -> bool {
    // Four bytes a character at most: a longer line is no title, and is not counted.
    if f.len() > TITLE_MAX_CHARS * 4 {
        return false;
    }
    let n = f.chars().count();
    if !(4..=TITLE_MAX_CHARS).contains(&n) || f.contains('。') {
        return false;
    }
    let last = f.chars().next_back().unwrap_or(' ');
    let closes = matches!(
        last,
        '。' | '！' | '？' | '；' | '：' | ':' | '，' | ',' | '、' | '!' | '?' | ';'
    );
    if closes || starts_like_heading(f) || holds_a_day(f) {
        return false;
    }
    // Clauses before a comma are a motto (`凝心聚力，砥砺前行——…工作总结`): the report
    // names itself after the last comma, or the line is a sentence about something else.
    let last_clause = f.rsplit(['，', ',']).next().unwrap_or(f);
    names_a_report(last_clause) || article_number(f).is_some()
}

/// A report word that names the report, not a meeting or an act (`总结会`, `总结了`).
/// Every report word of `f` is found in one walk of its characters, a word
/// tried only where its first character stands (an Aho-Corasick automaton's
/// overlapping search of each title line cost 1,270 instructions a call,
/// 1.9 M of bench-sub, callgrind).
fn names_a_report(f: &str) -> bool {
    f.char_indices()
        .filter(|&(_, c)| REPORT_FIRSTS.contains(c))
        .filter_map(|(i, _)| Some(i + report_word_at(&f[i..])?.len()))
        .any(|end| !EVENT_AFTER.iter().any(|e| f[end..].starts_with(e)))
}

/// The report word `rest` opens with. Only the words whose first three bytes
/// are `rest`'s are compared whole (each comparison a call of memcmp: nine of
/// them at each `工` and `年` cost 1.8 M of bench-sub, callgrind). Every report
/// word is three bytes or more, and none is the start of another.
fn report_word_at(rest: &str) -> Option<&'static str> {
    let head = rest.as_bytes().first_chunk::<3>()?;
    REPORT_WORDS
        .iter()
        .find(|w| w.as_bytes().first_chunk::<3>() == Some(head) && rest.starts_with(**w))
        .copied()
}

/// `12月8日`, `十二月八日`: a day of a month, which dates an event in a sentence.
fn holds_a_day(f: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || c == '十' || crate::text::cn_digit(c).is_some();
    f.match_indices('月').any(|(i, _)| {
        let before = f[..i].chars().next_back().is_some_and(numeral);
        let after = &f[i + '月'.len_utf8()..];
        let day = after.len() - after.trim_start_matches(numeral).len();
        before && day > 0 && after[day..].starts_with('日')
    })
}

/// How a title line says it is one of a page's numbered articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ArticleKind {
    /// `篇1`, `[篇1]`, `【篇二】`, `第2篇`, `【第一篇】` before or after the title.
    Explicit,
    /// A number closing a title (`镇妇联年度工作总结1`, `…工作总结(一)`): a
    /// numbered article only on a page that has more of them, calls itself a
    /// collection, or prints its own title right above the first.
    Trailing,
}

/// A numbered article's title line: how it is numbered, and its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Article {
    pub kind: ArticleKind,
    pub number: Option<u32>,
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_cn_numeral(c)
}

/// The value of a numeral of ASCII digits or Chinese digits (`12`, `十二`).
fn numeral_value(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    crate::outline::cn_numeral(s)
        .filter(|&(_, len)| len == s.len())
        .map(|(v, _)| v)
}

/// `篇1`, `篇一：…`, `[篇1]…`, `【篇二】…`, `第1篇`, `… 篇1`, `…[篇1]`, `…【第一篇】`,
/// `…工作总结1`, `…工作总结(一)`: a page's numbered article.
pub(super) fn article_number(f: &str) -> Option<Article> {
    article_prefix(f)
        .map(|(a, _)| a)
        .or_else(|| article_suffix(f))
}

/// A numbered article's mark opening `f`, and its length in bytes with the
/// brackets, colon and spaces after it.
pub(super) fn article_prefix(f: &str) -> Option<(Article, usize)> {
    // Most lines open with none of the mark's characters: settled by the first
    // (article_prefix and article_suffix, asked of every text line twice, cost
    // 2.6 M of a bench-sub parse, callgrind).
    if !f.starts_with(['[', '【', '(', '（', ' ', '篇', '第']) {
        return None;
    }
    let lead = f.trim_start_matches(['[', '【', '(', '（', ' ']);
    let (numeral, rest) = if let Some(r) = lead.strip_prefix('篇') {
        let n = r.len() - r.trim_start_matches(is_numeral).len();
        (&r[..n], &r[n..])
    } else {
        // `第1篇`, `第三篇：`
        let r = lead.strip_prefix('第')?;
        let n = r.len() - r.trim_start_matches(is_numeral).len();
        (&r[..n], r[n..].strip_prefix('篇')?)
    };
    if numeral.is_empty() {
        return None;
    }
    let after = rest.trim_start_matches([']', '】', ')', '）', ':', '：', '、', '.', ' ']);
    let article = Article {
        kind: ArticleKind::Explicit,
        number: numeral_value(numeral),
    };
    Some((article, f.len() - after.len()))
}

/// A numbered article's mark closing `f`.
fn article_suffix(f: &str) -> Option<Article> {
    // Settled by the last character where it is none of the mark's.
    let closing = |c: char| matches!(c, ']' | '】' | ')' | '）' | ' ' | '篇') || is_numeral(c);
    if !f.ends_with(closing) {
        return None;
    }
    let tail = f.trim_end_matches([']', '】', ')', '）', ' ']);
    let closed = tail.len() < f.trim_end().len();
    // `…【第一篇】`, `…第2篇`
    if let Some(head) = tail.strip_suffix('篇') {
        let stem = head.trim_end_matches(is_numeral);
        return (stem.len() < head.len() && stem.ends_with('第')).then(|| Article {
            kind: ArticleKind::Explicit,
            number: numeral_value(&head[stem.len()..]),
        });
    }
    let stem = tail.trim_end_matches(is_numeral);
    if stem.len() == tail.len() {
        return None;
    }
    let digits = &tail[stem.len()..];
    let number = numeral_value(digits);
    if stem.ends_with('篇') {
        return Some(Article {
            kind: ArticleKind::Explicit,
            number,
        });
    }
    let short_number = digits.chars().count() <= 2;
    let titled = |s: &str| {
        REPORT_WORDS
            .iter()
            .chain(&["范文", "精选"])
            .any(|w| s.ends_with(w))
    };
    // `…工作总结1` with nothing after the number, or `…工作总结(一)` in brackets.
    let plain = !closed && digits.bytes().all(|b| b.is_ascii_digit()) && titled(stem);
    let bracketed = closed
        && stem
            .strip_suffix(['(', '（', '【', '['])
            .is_some_and(|s| titled(s.trim_end()));
    (short_number && (plain || bracketed)).then_some(Article {
        kind: ArticleKind::Trailing,
        number,
    })
}

/// Places on a line tried as the end of a title sharing it.
const SPLITS_TRIED: usize = 6;
/// Words after a report word that still belong to the title (`…工作报告材料`).
const TITLE_TAILS: &[&str] = &["材料", "范文", "全文", "稿"];
/// Words that open a report's first sentence.
const OPENING_WORDS: &[&str] = &[
    "今年以来",
    "今年",
    "一年来",
    "近年来",
    "近几年来",
    "去年",
    "本年度",
    "过去一年",
    "过去的一年",
];
/// How far (characters) `在…领导下` may run at the head of a report's first sentence.
const LED_CLAUSE_CHARS: usize = 30;
/// A sentence after a title and a gap holds a comma or a stop this soon (characters).
const SENTENCE_CLAUSE_CHARS: usize = 40;

/// Where the title stands on a line that holds more than a title: a doc
/// viewer's page marker before it (`第1页共9页区妇联工作报告材料…`), or the
/// report's first words after it (`…工作报告材料2023年,区妇联在…`, `…工作总结
/// 一、加强领导…`, `篇一：今年以来,…`). The title's byte range in the folded line;
/// `None` where the line is a title whole, or holds none.
/// With it, `is_title_candidate(f.trim())` where it was asked on the way (no
/// page marker before the title): the caller needs it where there is no head,
/// and asking it again cost 3.8 M of a bench-sub parse (callgrind).
pub(super) fn title_head_and_candidate(f: &str) -> (Option<Range<usize>>, Option<bool>) {
    let lead = f.len() - f.trim_start().len();
    let start = lead + page_marker_len(&f[lead..]).unwrap_or(0);
    let s = f[start..].trim_end();
    let known = |candidate: bool| (start == lead).then_some(candidate);
    if s.is_empty() {
        return (None, known(false));
    }
    // Asked once: it was asked twice of every text line (6 M of a bench-sub parse).
    let candidate = is_title_candidate(s);
    let whole = candidate && article_suffix(s).is_some();
    if let Some(end) = (!whole).then(|| split_point(s)).flatten() {
        return (Some(start..start + end), known(candidate));
    }
    if candidate {
        return (
            (start > lead).then_some(start..start + s.len()),
            known(true),
        );
    }
    // An article's number over text that is no title: the number is the title.
    let head = article_prefix(s).map(|(_, len)| {
        let mark = s[..len].trim_end_matches([':', '：', '、', '.', ' ']);
        start..start + mark.len()
    });
    (head, known(false))
}

/// The first characters of `REPORT_WORDS`.
static REPORT_FIRSTS: BmpSet = BmpSet::first_chars_of(REPORT_WORDS);

/// The first characters of `REPORT_WORDS` and the clause marks `，` `,` `。` `；` `;`.
static REPORT_FIRST_OR_CLAUSE: BmpSet = BmpSet::new("总报汇小述工年，,。；;");

/// The last characters of `REPORT_WORDS` and `TITLE_TAILS`: what a title's
/// last character must be for `ends_as_title`.
static TITLE_LAST_CHARS: BmpSet = BmpSet::new("结告报职顾况鉴点料文稿");

/// Whether `s` holds a report word before its first clause mark. One walk
/// over the characters of the first clause, a report word tried only where
/// its first character stands: an automaton's search of both, set up for
/// every text line, cost 755 instructions a line (8.8 M of a bench-sub
/// parse, callgrind), where most first clauses are a few characters long.
fn report_word_opens(s: &str) -> bool {
    for (i, c) in s.char_indices() {
        if !REPORT_FIRST_OR_CLAUSE.contains(c) {
            continue;
        }
        if matches!(c, '，' | ',' | '。' | '；' | ';') {
            return false;
        }
        if report_word_at(&s[i..]).is_some() {
            return true;
        }
    }
    false
}

/// The end of a title at the head of `s` whose rest opens the report's text.
fn split_point(s: &str) -> Option<usize> {
    // A title sharing its line stands before the line's first clause mark: most
    // lines are a report's text, and one search of their first clause settles them.
    let mut bytes = s.len().min(TITLE_MAX_CHARS * 4);
    while !s.is_char_boundary(bytes) {
        bytes -= 1;
    }
    if !report_word_opens(&s[..bytes]) {
        return None;
    }
    let window = s
        .char_indices()
        .nth(TITLE_MAX_CHARS)
        .map_or(s.len(), |(i, _)| i);
    // Each place is tried as a title's end only after one of the characters a
    // title ends with: every place compared with all thirteen words, each by a
    // call of memcmp, cost 2.7 M of bench-sub (callgrind).
    let mut before: Option<char> = None;
    let points = s[..window].char_indices().filter(|&(p, c)| {
        // The first character is no place (`before` is none there).
        before.replace(c).is_some_and(|b| {
            c.is_whitespace() && !b.is_whitespace()
                || TITLE_LAST_CHARS.contains(b) && ends_as_title(&s[..p])
        })
    });
    // A few places are tried: a line of many gaps costs no more than a title.
    for (p, c) in points.take(SPLITS_TRIED) {
        let head = &s[..p];
        let gap = c.is_whitespace();
        let head = head.trim_end();
        let rest = s[p..].trim_start();
        if plain_title(head) && opens_text(rest, gap) {
            return Some(head.len());
        }
    }
    None
}

/// A report word, and maybe a title's tail word, closing `head`.
fn ends_as_title(head: &str) -> bool {
    let h = TITLE_TAILS
        .iter()
        .find_map(|t| head.strip_suffix(t))
        .unwrap_or(head);
    REPORT_WORDS.iter().any(|w| h.ends_with(w))
}

/// A title printed on a line with other text: a title line without commas,
/// every bracket it opens closed (`《2022街道妇联工作报告` is a document's name cut).
fn plain_title(head: &str) -> bool {
    let balanced = [
        ('《', '》'),
        ('(', ')'),
        ('【', '】'),
        ('“', '”'),
        ('[', ']'),
    ]
    .iter()
    .all(|&(o, c)| head.matches(o).count() == head.matches(c).count());
    is_title_candidate(head) && balanced && !head.contains([',', '，'])
}

/// `rest` opens a report's text: a heading (`一、加强领导`), a year that frames
/// a sentence (`2023年,`), words that open one (`今年以来`), a salutation; or,
/// after a gap, any sentence.
fn opens_text(rest: &str, after_gap: bool) -> bool {
    if let Some((_, len)) = crate::outline::leading_marker(rest) {
        // `(5) .doc` after a file name is no heading: a heading has words.
        let words = rest[len..]
            .trim_start()
            .chars()
            .take_while(|&c| crate::text::is_cjk(c))
            .count();
        return words >= 2;
    }
    if opens_with_year(rest) || OPENING_WORDS.iter().any(|w| rest.starts_with(w)) {
        return true;
    }
    // `在县委、县政府的正确领导下,…`: the usual first words of a report.
    if rest.starts_with('在') {
        let clause: String = rest.chars().take(LED_CLAUSE_CHARS).collect();
        if clause.contains("领导下") || clause.contains("指导下") {
            return true;
        }
    }
    if is_salutation(rest.split([':', '：']).next().unwrap_or("")) {
        return true;
    }
    after_gap
        && rest.starts_with(crate::text::is_cjk)
        && rest
            .chars()
            .take(SENTENCE_CLAUSE_CHARS)
            .any(|c| matches!(c, '，' | ',' | '。'))
        && rest.chars().nth(10).is_some()
}

/// Words that open a salutation.
const SALUTATION_OPENERS: &[&str] = &["各位", "同志们", "尊敬的", "女士们", "先生们", "亲爱的"];
/// Longest salutation, in characters.
const SALUTATION_MAX_CHARS: usize = 24;

/// `各位代表：`, `各位领导、各位同志:`, `同志们：`: a speech's salutation, which
/// opens a report read out (a government work report, a 述职报告).
pub(super) fn is_salutation(f: &str) -> bool {
    let t = f.trim().trim_end_matches([':', '：']);
    t.chars().nth(SALUTATION_MAX_CHARS).is_none()
        && SALUTATION_OPENERS.iter().any(|w| t.starts_with(w))
        && !t.contains(['，', ',', '。'])
}

#[cfg(test)]
#[path = "titles_tests.rs"]
mod tests;
