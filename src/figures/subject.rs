//! What a figure counts (guide §5): the few words of its own clause that a table's
//! column header would say, joined from where they stand (`培训1800多名妇女` → `培训妇女`).
//!
//! The clause is cut into words by jieba (its dictionary ships with the crate and
//! tags each word with a part of speech). The words are then chosen by rules of
//! the guide, not by the pages scored: time words, qualifiers, numbers, the
//! reporting body and place, particles and prepositions are left out; a count
//! keeps the action right before it and the noun phrase right after it; a rate
//! keeps its name (办结率, 增长) or says what it is a share of (女性占比).

use std::sync::LazyLock;

use jieba_rs::Jieba;

use super::reader::Read;
use crate::model::FigureKind;

/// The segmenter, loaded on first use and shared by every thread. Loading the
/// dictionary is a one-time cost (about 130 ms measured on the build machine);
/// `zongjie figure`, which reads typed expressions only, never pays it.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The guide's cap on a subject's length, in characters.
const MAX_CHARS: usize = 12;

/// A subject and the char ranges of the line it was taken from, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subject {
    pub text: String,
    pub spans: Vec<(usize, usize)>,
    /// The action word right before the number, for the next item of a list
    /// (表彰50名双学双比先进个人，50名巾帼建功先进个人).
    pub verb: Option<(usize, usize)>,
}

/// The figure before this one in the same sentence, to share its words with a list.
pub struct Previous<'a> {
    pub subject: &'a Subject,
    /// Where it ended (char index in the line).
    pub end: usize,
}

/// One word of the clause: its char range in the line and its part of speech.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    tag: &'a str,
}

/// The subject of the figure read as `r`, whose text starts at `start` in `cs`.
pub fn subject(cs: &[char], start: usize, r: &Read, prev: Option<&Previous>) -> Subject {
    // the clause before the figure: back to a clause mark, or to the figure before
    let mut left_start = start;
    while left_start > 0 && !is_clause_break(cs[left_start - 1]) {
        left_start -= 1;
    }
    let prev_in_clause = prev.filter(|p| p.end <= start && p.end >= left_start);
    if let Some(p) = prev_in_clause {
        left_start = p.end;
    }
    let mut right_end = r.end;
    while right_end < cs.len() && !is_clause_break(cs[right_end]) && right_end - r.end < 24 {
        right_end += 1;
    }
    let left = tag_words(cs, left_start, start);
    let right = tag_words(cs, r.end, right_end);
    let left_words: Vec<Word> = left.into_iter().filter(|w| keep_left(cs, w)).collect();
    let noun_after = match r.kind {
        FigureKind::Count | FigureKind::Age => noun_phrase_after(cs, &right),
        FigureKind::Money | FigureKind::Measure if ends_with(cs, start, "价值") => {
            noun_phrase_after(cs, &right)
        }
        _ => Vec::new(),
    };
    // a list item with nothing of its own before it shares the item before it
    let prev_near =
        prev.filter(|p| prev_in_clause.is_some() || list_follows(cs, left_start, p.end));
    let inherited = prev_near.filter(|_| left_words.is_empty());
    let mut picked: Vec<(usize, usize)> = Vec::new();
    let mut verb = None;
    if r.kind == FigureKind::Percent
        && let Some(k) = share_of(cs, &left_words)
    {
        // 女性占38.5% → 女性占比; 占全区总户数的90% → what the figure before counted
        let before: Vec<(usize, usize)> =
            left_words[..k].iter().map(|w| (w.start, w.end)).collect();
        let whole = if before.is_empty() {
            prev_near
                .map(|p| p.subject.spans.clone())
                .unwrap_or_default()
        } else {
            before
        };
        return build(cs, &whole, Some("占比"), None);
    }
    if !noun_after.is_empty() {
        // a count: the action right before the number, then what is counted
        verb = action_before(&left_words, start, cs)
            .or_else(|| inherited.and_then(|p| p.subject.verb));
        picked.extend(verb);
        picked.extend(noun_after.iter().map(|w| (w.start, w.end)));
    } else if left_words.is_empty() {
        if let Some(p) = inherited {
            return p.subject.clone();
        }
    } else {
        picked.extend(left_words.iter().map(|w| (w.start, w.end)));
        verb = action_before(&left_words, start, cs);
    }
    build(cs, &picked, None, verb)
}

/// Whether the figure before ended right before this clause, across one list mark
/// (`、` or `，`) and nothing else: 分别增长6.8%、12.3%.
fn list_follows(cs: &[char], left_start: usize, prev_end: usize) -> bool {
    left_start > 0 && prev_end + 1 == left_start && matches!(cs[prev_end], '、' | '，' | ',')
}

/// Join the chosen ranges, nearest the number kept when there are too many
/// characters, with an optional suffix.
fn build(
    cs: &[char],
    ranges: &[(usize, usize)],
    suffix: Option<&str>,
    verb: Option<(usize, usize)>,
) -> Subject {
    let budget = MAX_CHARS.saturating_sub(suffix.map_or(0, |s| s.chars().count()));
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut n = 0;
    // the noun after a count is the head: keep it whole; trim from the far left
    for &(a, b) in ranges.iter().rev() {
        if n + (b - a) > budget && !kept.is_empty() {
            break;
        }
        n += b - a;
        kept.push((a, b));
    }
    kept.reverse();
    let mut text: String = kept.iter().flat_map(|&(a, b)| cs[a..b].iter()).collect();
    if let Some(s) = suffix
        && !text.is_empty()
    {
        text.push_str(s);
    }
    Subject {
        text,
        spans: merge(kept),
        verb,
    }
}

/// Neighbouring ranges as one (the workstation highlights each range).
fn merge(ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => out.push((a, b)),
        }
    }
    out
}

/// The words of `cs[a..b]` with their tags; char ranges are in `cs`.
fn tag_words(cs: &[char], a: usize, b: usize) -> Vec<Word<'static>> {
    if a >= b {
        return Vec::new();
    }
    let s: String = cs[a..b].iter().collect();
    JIEBA
        .tag(&s, false)
        .into_iter()
        .map(|t| Word {
            start: a + t.start,
            end: a + t.end,
            tag: static_tag(t.tag),
        })
        .collect()
}

/// The few tags the rules look at, as static strings (jieba's borrow the sentence).
fn static_tag(tag: &str) -> &'static str {
    const TAGS: &[&str] = &[
        "n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "v", "vn", "vd", "vg", "a", "ad", "an",
        "b", "d", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "m", "mq", "q", "t", "tg",
        "f", "r", "rz", "rr", "zg", "x", "j", "l", "i", "s", "z", "y", "e", "o", "k", "h", "g",
        "eng",
    ];
    TAGS.iter().find(|t| **t == tag).copied().unwrap_or("x")
}

fn word<'c>(cs: &'c [char], w: &Word) -> &'c [char] {
    &cs[w.start..w.end]
}

fn word_is(cs: &[char], w: &Word, s: &str) -> bool {
    let ws = word(cs, w);
    ws.len() == s.chars().count() && ws.iter().copied().eq(s.chars())
}

/// Words that say how, when or by whom rather than what: left out (guide §5).
const NOT_WHAT: &[&str] = &[
    "共",
    "共计",
    "合计",
    "总计",
    "累计",
    "共有",
    "有",
    "现有",
    "已有",
    "拥有",
    "达",
    "达到",
    "为",
    "是",
    "约",
    "近",
    "其中",
    "分别",
    "实现",
    "全部",
    "先后",
    "已",
    "已经",
    "目前",
    "截至",
    "截止",
    "今年",
    "全年",
    "去年",
    "当年",
    "本年",
    "上半年",
    "下半年",
    "年内",
    "年底",
    "期间",
    "以来",
    "同比",
    "比",
    "较",
    "共同",
    "积极",
    "进一步",
    "完成",
    "全面",
    "大力",
    "认真",
    "突破",
    "超过",
    "超",
    "逾",
    "多",
    "余",
    "等",
    "各",
    "各级",
    "各类",
    "各种",
    "一批",
    "一些",
    "通过",
    "开展",
];

/// Whether a word of the clause before the figure belongs in the subject.
fn keep_left(cs: &[char], w: &Word) -> bool {
    let tag = w.tag;
    let skip_tag = matches!(
        tag,
        "t" | "tg"
            | "r"
            | "rz"
            | "rr"
            | "d"
            | "p"
            | "c"
            | "u"
            | "uj"
            | "ul"
            | "uz"
            | "ud"
            | "ug"
            | "uv"
            | "m"
            | "mq"
            | "q"
            | "x"
            | "f"
            | "y"
            | "e"
            | "o"
            | "zg"
            | "ns"
            | "nt"
            | "j"
    );
    if skip_tag || NOT_WHAT.iter().any(|s| word_is(cs, w, s)) {
        return false;
    }
    !is_body_or_place(word(cs, w))
        && word(cs, w)
            .iter()
            .all(|&c| crate::text::is_cjk(c) || c.is_ascii_alphanumeric())
}

/// The reporting body or its area: 全县, 我市, 县妇联, 市政府 (guide §5: left out
/// unless counted).
fn is_body_or_place(w: &[char]) -> bool {
    const AREAS: &str = "国省市县区镇乡村旗州盟街社";
    match w {
        [a, b] if matches!(a, '全' | '我' | '本' | '该') && AREAS.contains(*b) => true,
        [a] if AREAS.contains(*a) => true,
        _ => {
            let s: String = w.iter().collect();
            ["妇联", "政府", "党委", "团委", "工会", "残联", "妇委会"]
                .iter()
                .any(|b| s.ends_with(b))
        }
    }
}

/// The action word right before the number (培训, 慰问, 接待): a verb that is the
/// last kept word of the clause and stands next to the figure but for particles.
fn action_before(words: &[Word], start: usize, cs: &[char]) -> Option<(usize, usize)> {
    let w = words.last()?;
    let gap_ok = cs[w.end..start]
        .iter()
        .all(|&c| "了共计为给向对达到约近有".contains(c));
    (matches!(w.tag, "v" | "vn" | "vd") && gap_ok).then_some((w.start, w.end))
}

/// The noun phrase right after a count's unit: `妇女`, `特困老年妇女`,
/// `15-49周岁妇女`, `乡镇妇联主席当选党委委员`, across a `的` and opening quotes.
fn noun_phrase_after(cs: &[char], words: &[Word]) -> Vec<Word<'static>> {
    let mut out: Vec<Word> = Vec::new();
    let mut last_noun = 0;
    for (k, w) in words.iter().enumerate() {
        let first = out.is_empty();
        if first && (word_is(cs, w, "的") || matches!(word(cs, w), ['“' | '"' | '‘' | '《']))
        {
            continue;
        }
        // an age or range before the noun (20多万15-49周岁妇女)
        if first && k < 4 && (w.tag == "m" || word_is(cs, w, "周岁") || word_is(cs, w, "岁")) {
            out.push(Word { tag: "m", ..*w });
            continue;
        }
        let nounish = matches!(
            w.tag,
            "n" | "nr" | "nrt" | "nrfg" | "nz" | "ng" | "vn" | "an" | "j" | "l" | "ns" | "nt" | "s"
        );
        let modifier = matches!(w.tag, "a" | "b" | "v" | "z" | "m" | "q")
            || matches!(word(cs, w), ['”' | '"' | '’' | '》']);
        if !(nounish || modifier) || word_is(cs, w, "的") {
            break;
        }
        out.push(Word {
            start: w.start,
            end: w.end,
            tag: static_tag(w.tag),
        });
        if nounish {
            last_noun = out.len();
        }
    }
    out.truncate(last_noun);
    // quotes belong to the text, not the subject
    out.retain(|w| {
        word(cs, w)
            .iter()
            .all(|&c| crate::text::is_cjk(c) || c.is_ascii_alphanumeric() || c == '-')
    });
    if out.iter().all(|w| w.tag == "m") {
        out.clear();
    }
    out
}

/// Where `占` stands among the kept words of a rate's clause (女性占38.5%), if it does.
fn share_of(cs: &[char], words: &[Word]) -> Option<usize> {
    let _ = cs;
    words.iter().position(|w| word_is(cs, w, "占"))
}

fn ends_with(cs: &[char], i: usize, s: &str) -> bool {
    super::units::ends_at(cs, i, s)
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | ':' | '：' | '!' | '！' | '?' | '？' | '(' | ')' | '|'
    )
}
