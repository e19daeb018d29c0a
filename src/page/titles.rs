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
mod tests {
    use super::*;
    use crate::text::fold_str;

    #[test]
    fn title_lines() {
        let cases: &[(&str, bool)] = &[
            ("2014年奈曼旗妇联工作总结", true),
            ("抓好劳动力转移 促进妇女增收(镇妇联工作总结)", true),
            ("村级妇女儿童工作汇报 [篇1]", true),
            ("篇一", false),
            ("一、2023年工作总结", false),
            ("市妇联述职报告:", false),
            // Issue 14, round 2: a sentence that mentions a report word is no title.
            (
                "2019年12月8日,「青藍萬家」年終總結會在社區活動中心舉行",
                false,
            ),
            ("「青藍萬家」年終總結會圓滿舉行", false),
            ("召开总结表彰大会", false),
            ("认真总结经验", false),
            ("十二月八日召开工作汇报会", false),
            ("2019年12月妇联工作总结", true),
            ("凝心聚力,砥砺前行——县妇联2019年工作总结", true),
            ("组织开展2019年度述职评议工作,全体执委参加", false),
            ("认真总结,全体执委参加", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_title_candidate(&fold_str(line)), *want, "{line}");
        }
    }

    #[test]
    fn numbered_articles() {
        use ArticleKind::*;
        type Case<'a> = (&'a str, Option<(ArticleKind, Option<u32>)>);
        let cases: &[Case] = &[
            ("篇1：镇妇联工作总结", Some((Explicit, Some(1)))),
            ("【篇二】村妇联工作总结", Some((Explicit, Some(2)))),
            ("社区妇联工作总结 篇3", Some((Explicit, Some(3)))),
            ("村级妇女儿童工作汇报 [篇1]", Some((Explicit, Some(1)))),
            ("团委工作报告篇一", Some((Explicit, Some(1)))),
            ("乡妇联年度工作总结1", Some((Trailing, Some(1)))),
            ("妇联换届工作总结12", Some((Trailing, Some(12)))),
            ("第2篇 社区工作总结", Some((Explicit, Some(2)))),
            ("村委会工作总结范文3", Some((Trailing, Some(3)))),
            // Issue 14, round 2: brackets and `第N篇` after the title.
            ("妇联工作总结(一)", Some((Trailing, Some(1)))),
            ("社区妇联工作总结（2）", Some((Trailing, Some(2)))),
            ("社区妇联工作总结【第一篇】", Some((Explicit, Some(1)))),
            ("社区妇联工作总结第3篇", Some((Explicit, Some(3)))),
            ("篇一", Some((Explicit, Some(1)))),
            ("第一次妇代会工作报告", None),
            ("妇联工作总结汇编8篇", None),
            ("今年共培训妇女5篇", None),
            ("2014年妇联工作总结", None),
            ("培训妇女100", None),
            ("开展活动(一)", None),
        ];
        for (line, want) in cases {
            let got = article_number(&fold_str(line)).map(|a| (a.kind, a.number));
            assert_eq!(got, *want, "{line}");
        }
    }

    /// `(line, the title on it, or None where the line is a title whole or holds none)`.
    #[test]
    fn titles_sharing_their_line() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "第1页共9页区妇联工作报告材料2023年,区妇联在区委的领导下开展工作。",
                Some("区妇联工作报告材料"),
            ),
            ("第1页共9页区妇联工作报告", Some("区妇联工作报告")),
            (
                "区妇联2019年工作总结 一、加强领导,健全机制",
                Some("区妇联2019年工作总结"),
            ),
            (
                "镇妇联工作总结 今年以来,镇妇联紧紧围绕中心工作。",
                Some("镇妇联工作总结"),
            ),
            (
                "篇一:今年以来,镇妇联紧紧围绕中心工作开展活动。",
                Some("篇一"),
            ),
            (
                "2023年政府工作报告各位代表:现在我代表市人民政府",
                Some("2023年政府工作报告"),
            ),
            ("区妇联工作总结", None),
            ("妇联工作总结 篇1", None),
            ("篇一:社区妇联工作总结", None),
            (
                "篇一:社区妇联工作总结 今年以来,社区妇联团结带领辖区妇女。",
                Some("篇一:社区妇联工作总结"),
            ),
            (
                "区妇联工作报告在区委、区政府的正确领导下,区妇联团结带领全区妇女。",
                Some("区妇联工作报告"),
            ),
            ("2022街道妇联工作报告 (5) .doc", None),
            ("抓好劳动力转移 促进妇女增收(镇妇联工作总结)", None),
            // The title's words go on into a name: no sentence opens after them.
            ("2019年妇女儿童工作总结海尾社区妇联认真贯彻落实", None),
            (
                "1、妇联年度工作总结和明年工作思路 2013年工作回顾 2013年,在市委",
                None,
            ),
            ("今年以来,县妇联认真总结经验,2023年,我们", None),
        ];
        for (line, want) in cases {
            let f = fold_str(line);
            let got = title_head_and_candidate(&f).0.map(|r| f[r].to_string());
            assert_eq!(got, want.map(fold_str), "{line}");
        }
    }

    use aho_corasick::AhoCorasick;
    use std::sync::LazyLock;

    /// Every report word, found by an automaton: what the walks are held to.
    static REPORT_WORD_FINDER: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(REPORT_WORDS).unwrap());

    #[test]
    fn report_words_open_and_close_with_characters_of_the_sets() {
        for w in REPORT_WORDS {
            let first = w.chars().next().unwrap();
            assert!(REPORT_FIRST_OR_CLAUSE.contains(first), "{w}");
            assert!(REPORT_FIRSTS.contains(first), "{w}");
            assert!(w.len() >= 3, "{w}: report_word_at compares three bytes");
            let others = REPORT_WORDS.iter().filter(|o| *o != w);
            assert!(others.clone().all(|o| !o.starts_with(w)), "{w}");
        }
        for w in REPORT_WORDS.iter().chain(TITLE_TAILS) {
            let last = w.chars().next_back().unwrap();
            assert!(TITLE_LAST_CHARS.contains(last), "{w}");
        }
    }

    /// `names_a_report` as it was: the automaton's overlapping matches.
    fn names_a_report_by_automaton(f: &str) -> bool {
        REPORT_WORD_FINDER
            .find_overlapping_iter(f)
            .any(|m| !EVENT_AFTER.iter().any(|e| f[m.end()..].starts_with(e)))
    }

    /// `split_point` as it was: every place of the window compared with every word.
    fn split_point_at_every_place(s: &str) -> Option<usize> {
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
        let points = s[..window].char_indices().skip(1).filter(|&(p, c)| {
            c.is_whitespace() && !s[..p].ends_with(char::is_whitespace) || ends_as_title(&s[..p])
        });
        for (p, c) in points.take(SPLITS_TRIED) {
            let head = s[..p].trim_end();
            if plain_title(head) && opens_text(s[p..].trim_start(), c.is_whitespace()) {
                return Some(head.len());
            }
        }
        None
    }

    #[test]
    fn report_words_found_by_their_first_characters_as_by_the_automaton() {
        let contexts: [fn(char) -> String; 5] = [
            |c| format!("{c}工作总结"),
            |c| format!("年终总结{c}会"),
            |c| format!("总{c}结报告{c}"),
            |c| format!("工作汇{c}汇报了{c}"),
            |c| format!("工作{c}工作要点"),
        ];
        crate::text::in_every_bmp_context(&contexts, |s, c| {
            let want = names_a_report_by_automaton(s);
            assert_eq!(names_a_report(s), want, "{:04X}", c as u32);
        });
    }

    #[test]
    fn title_ends_tried_after_their_last_characters_as_at_every_place() {
        let contexts: [fn(char) -> String; 6] = [
            |c| format!("区妇联工作总结{c}今年以来,妇联紧紧围绕中心工作。"),
            |c| format!("区妇联工作报告材料{c}2023年,区妇联在区委的领导下"),
            |c| format!("镇妇联{c}工作总结 一、加强领导,健全机制"),
            |c| format!("{c}述职 各位代表:现在我代表"),
            |c| format!("工作要点{c} 小结 范文 稿 总结{c}今年以来,我们做了许多工作。"),
            |c| format!("年鉴{c}{c} 在县委的正确领导下,全县妇女"),
        ];
        crate::text::in_every_bmp_context(&contexts, |s, c| {
            let want = split_point_at_every_place(s);
            assert_eq!(split_point(s), want, "{:04X}", c as u32);
        });
    }

    #[test]
    fn one_pass_finds_a_report_word_before_the_first_clause_mark() {
        // as the clause's end searched a character at a time, then the report words
        let by_clause = |s: &str| {
            let clause = s.find(['，', ',', '。', '；', ';']).unwrap_or(s.len());
            REPORT_WORD_FINDER.is_match(&s[..clause])
        };
        let contexts: [fn(char) -> String; 4] = [
            |c| format!("{c}工作总结"),
            |c| format!("妇联{c}，年终总结"),
            |c| format!("总{c}结报告。"),
            |c| format!("工作汇{c}汇报{c}"),
        ];
        crate::text::in_every_bmp_context(&contexts, |s, c| {
            assert_eq!(report_word_opens(s), by_clause(s), "{:04X}", c as u32);
        });
    }

    #[test]
    fn salutations() {
        for (line, want) in [
            ("各位代表：", true),
            ("各位领导、各位同志:", true),
            ("同志们:", true),
            ("尊敬的各位领导：", true),
            ("各位代表，现在我代表市政府报告工作：", false),
            ("各项工作:", false),
        ] {
            assert_eq!(is_salutation(&fold_str(line)), want, "{line}");
        }
    }
}
