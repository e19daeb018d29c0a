//! Who a report speaks for (guide §1): a body named with the level word before
//! it (`县妇联`, `镇团委`, `区残联`, `四川省人民政府`, a government department such
//! as `县民政局`, which is at its government's level), a body whose name says its
//! level (`村委会`, `团市委`), or the writer's own word for the level (`我区`,
//! `全县`). A body named as the one that leads, guides or is followed
//! (`在市妇联的指导下`, `按照市妇联的部署`, `《中华全国妇女联合会章程》`) is not the reporter.

use std::sync::LazyLock;

use super::places::GAZETTEER;
use crate::model::OrgLevel;
use crate::text::BmpSet;

mod bodies;
use bodies::BodyWords;

/// Level words before a body word, longest first (社区 before 区, 自治区 before 区).
pub(super) const LEVEL_WORDS: &[(&str, OrgLevel)] = &[
    ("特别行政区", OrgLevel::Province),
    ("县级市", OrgLevel::County),
    ("自治区", OrgLevel::Province),
    ("自治州", OrgLevel::City),
    ("自治县", OrgLevel::County),
    ("自治旗", OrgLevel::Banner),
    ("全国", OrgLevel::National),
    ("乡镇", OrgLevel::Town),
    ("社区", OrgLevel::Community),
    ("街道", OrgLevel::Town),
    ("省", OrgLevel::Province),
    ("市", OrgLevel::City),
    ("州", OrgLevel::City),
    ("盟", OrgLevel::City),
    ("县", OrgLevel::County),
    ("区", OrgLevel::District),
    ("旗", OrgLevel::Banner),
    ("镇", OrgLevel::Town),
    ("乡", OrgLevel::Town),
    ("村", OrgLevel::Village),
];

/// The last characters of `LEVEL_WORDS` (a test checks the two agree): a body
/// word after any other character has no level word before it, and the
/// twenty words are not compared (see `level_word_before`).
static LEVEL_WORD_ENDS: BmpSet = BmpSet::new("区市州县旗国镇道省盟乡村");

/// Bodies that take their level from the word before them: women's federations
/// and bodies like them, governments, and a government's departments.
const BODY_WORDS: &[&str] = &[
    "妇女联合会",
    "妇联",
    "妇代会",
    "妇委会",
    "妇工委",
    "妇儿工委",
    "团委",
    "总工会",
    "工会",
    "残疾人联合会",
    "残联",
    "人民政府",
    "政府",
    "教育局",
    "民政局",
    "卫健委",
    "卫生健康委员会",
    "卫生健康局",
    "人社局",
    "人力资源和社会保障局",
    "科协",
    "文联",
];

/// Bodies whose name says their level.
const LEVELLED_BODIES: &[(&str, OrgLevel)] = &[
    ("村委会", OrgLevel::Village),
    ("村民委员会", OrgLevel::Village),
    ("居委会", OrgLevel::Community),
    ("居民委员会", OrgLevel::Community),
    ("团省委", OrgLevel::Province),
    ("团市委", OrgLevel::City),
    ("团县委", OrgLevel::County),
    ("团区委", OrgLevel::District),
    ("团镇委", OrgLevel::Town),
];

/// Every body word, `BODY_WORDS` first, found leftmost-longest (`人民政府` over `政府`).
static BODIES: LazyLock<BodyWords> = LazyLock::new(|| {
    let words: Vec<&str> = BODY_WORDS
        .iter()
        .copied()
        .chain(LEVELLED_BODIES.iter().map(|(w, _)| *w))
        .collect();
    BodyWords::new(&words)
});

/// Single characters before a level word that make the body someone else's:
/// a list (`省、市妇联`), a preposition (`在市妇联`, `向省残联`), `各村妇联`, `县委县政府`.
static NOT_SUBJECT_BEFORE: BmpSet = BmpSet::new("、和与及同在受经上各向由对给被为从委");
/// Words before a level word that make the body the one followed (`按照市妇联的部署`).
const LED_BY_WORDS: &[&str] = &[
    "按照", "根据", "围绕", "配合", "协助", "会同", "联合", "参加", "参与", "依托", "通过",
];
/// The last characters of `LED_BY_WORDS` (a test checks the two agree): the
/// words are compared only after one of them (`led_by` 5.1 M -> 2.4 M on
/// bench-sub, callgrind).
static LED_BY_WORD_ENDS: BmpSet = BmpSet::new("照据绕合助同加与托过");
/// How far back (bytes) the start of a body's clause is looked for.
const CLAUSE_WINDOW: usize = 150;
/// Words that open a clause about who leads (`在市委、市政府的领导下`).
const LED_CLAUSE_OPENERS: &[&str] = &["在", "受", "经", "按照", "配合", "协助"];

/// Characters that end a place name when reading backwards from its level word.
/// A bit set, not a `str` searched for each character (`name_before`
/// 10.3 M -> 9.7 M on bench-sub, callgrind).
static NAME_STOPS: BmpSet = BmpSet::new(
    "多名个余级了的在和与及是为对向由把被将从全本我各该等到入至进出于并给让使同跟其每此这那上下中新开通原年度届第号",
);
/// Words that end a place name when reading backwards (`总结海尾社区` → `海尾社区`).
const NAME_STOP_WORDS: &[&str] = &[
    "总结", "工作", "报告", "汇报", "妇女", "儿童", "妇联", "按照", "根据", "围绕", "我们", "本人",
    "开展", "加强", "关于", "推进", "认真", "代表", "组织", "指导", "带领", "召开", "举办", "全体",
];
/// The last characters of `NAME_STOP_WORDS` (a test checks the two agree): only
/// where one of them is read can a stop word end, so the words are compared
/// there alone (name_before 26.2 M -> 23.7 M, 17.3 M of it the gazetteer built
/// once, callgrind on bench-sub).
static NAME_STOP_WORD_ENDS: BmpSet =
    BmpSet::new("结作告报女童联照据绕们人展强于进真表织导领开办体");
/// Longest stem of a place name not in the gazetteer (茶盘洲, 戚家山), in characters.
const NAME_MAX_CHARS: usize = 4;
/// Longest full name looked up in the gazetteer, in characters (宁夏回族自治区).
const GAZETTEER_MAX_CHARS: usize = 9;

/// A body named in folded text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct OrgMention {
    /// Folded offset of the level word (of the body word where it has none of its own).
    pub start: usize,
    pub end: usize,
    pub level: OrgLevel,
    /// Folded span of the named place that owns the body (`谢塘镇` of `谢塘镇妇联`).
    pub place: Option<(usize, usize)>,
    /// A kind of body, not one body: `乡镇妇联`, `县区妇联` (two levels named together).
    pub generic: bool,
}

/// Mentions in `s` (one line of folded text at folded offset `offset`) of a body
/// that can be the reporter, in order.
pub(super) fn find_orgs(s: &str, offset: usize) -> impl Iterator<Item = OrgMention> + '_ {
    let mut book_depth = 0i32;
    let mut counted_to = 0;
    let mut has_books = None;
    BODIES.find(s).into_iter().filter_map(move |(i, end)| {
        let word = &s[i..end];
        let after = s[end..].chars().next();
        if after == Some('的') {
            return None;
        }
        // The level word found before the body word is the one read at its
        // start: only 县级市 and 乡镇 begin with another level word, and no body
        // word or gloss begins with 级 or 镇 (find_orgs's second search of the
        // level words 3.5 M -> 0 on bench-sub, callgrind).
        let (start, level_end, level) = match LEVELLED_BODIES.iter().find(|(w, _)| *w == word) {
            Some(&(_, level)) => (i, i, level),
            None => {
                let head = strip_gloss(&s[..i]);
                let (lw, level) = level_word_before(head)?;
                (head.len() - lw.len(), head.len(), *level)
            }
        };
        // Inside `《…》` it is a document's name, not a body. The marks are
        // counted up to a match with a level, on a line holding a `《`, from
        // where they were last counted (instead of a search per `E3` byte
        // before each match: 3.6 M -> 2.0 M on bench-sub, callgrind).
        if *has_books.get_or_insert_with(|| BOOK_OPEN.find(s.as_bytes()).is_some()) {
            book_depth = book_marks_after(book_depth, &s[counted_to..i]);
            counted_to = i;
            if book_depth > 0 {
                return None;
            }
        }
        if led_by(s, start) {
            return None;
        }
        let place = (start < i)
            .then(|| name_before(s, start, level_end, level))
            .flatten()
            .map(|(a, b)| (offset + a, offset + b));
        Some(OrgMention {
            start: offset + start,
            end: offset + end,
            level,
            place,
            generic: is_generic(s, start, level_end),
        })
    })
}

/// The searcher for `《` (built once: a `memmem::find` builds one a call).
static BOOK_OPEN: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("《"));

/// The level word `head` ends with, the first in `LEVEL_WORDS`. Only after one
/// of their last characters are the words compared, and then only those that
/// end with it, by its bytes (the level words' comparisons in `find_orgs`
/// 5.9 M -> 1.0 M on bench-sub, callgrind).
fn level_word_before(head: &str) -> Option<&'static (&'static str, OrgLevel)> {
    let last = head.chars().next_back()?;
    if !LEVEL_WORD_ENDS.contains(last) {
        return None;
    }
    let tail = last_bytes(head.as_bytes())?;
    LEVEL_WORDS
        .iter()
        .find(|(lw, _)| last_bytes(lw.as_bytes()) == Some(tail) && head.ends_with(lw))
}

/// The last three bytes of `b` (a Chinese character's, where it ends with one).
fn last_bytes(b: &[u8]) -> Option<[u8; 3]> {
    b.len().checked_sub(3).and_then(|k| b[k..].try_into().ok())
}

/// The depth of `《…》` after `s`, from `depth` before it. `《` and `》` are
/// E3 80 8A and E3 80 8B: only the characters led by E3 (CJK punctuation) are
/// looked at, found by `memchr` (read_report_meta 155.4 M -> 143.4 M against
/// reading every character, callgrind on bench-sub).
fn book_marks_after(mut depth: i32, s: &str) -> i32 {
    let b = s.as_bytes();
    for k in memchr::memchr_iter(0xE3, b) {
        match b.get(k + 1..k + 3) {
            Some([0x80, 0x8A]) => depth += 1,
            Some([0x80, 0x8B]) => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth
}

/// Level words that name two levels at once (`乡镇`), or a level word after
/// another level's character (`县区`, `市县`): a kind of body, not one body.
fn is_generic(s: &str, lw_start: usize, lw_end: usize) -> bool {
    &s[lw_start..lw_end] == "乡镇"
        || (lw_end > lw_start
            && s[..lw_start]
                .chars()
                .next_back()
                .is_some_and(|c| LEVEL_CHARS.contains(c)))
}

/// Characters of single levels: one before a level word makes a pair of levels.
/// A bit set, not a `str` searched (`is_generic` 0.87 M -> 0.27 M on bench-sub, callgrind).
static LEVEL_CHARS: BmpSet = BmpSet::new("乡镇县市区村省州");

/// `鎮(zhèn)婦聯`: a pinyin gloss between a level word and its body word is skipped.
fn strip_gloss(head: &str) -> &str {
    let Some(inner) = head.strip_suffix(')') else {
        return head;
    };
    let Some(open) = inner.rfind('(') else {
        return head;
    };
    let gloss = &inner[open + 1..];
    if !gloss.is_empty()
        && gloss
            .chars()
            .all(|c| c.is_alphabetic() && !crate::text::is_cjk(c))
    {
        &inner[..open]
    } else {
        head
    }
}

/// The body at `start` is one that leads or is followed, not the writer.
fn led_by(s: &str, start: usize) -> bool {
    let head = &s[..start];
    let before = head.chars().next_back();
    if before.is_some_and(|c| NOT_SUBJECT_BEFORE.contains(c))
        || before.is_some_and(|c| LED_BY_WORD_ENDS.contains(c))
            && LED_BY_WORDS.iter().any(|w| head.ends_with(w))
    {
        return true;
    }
    // The clause is looked for within a window: a line without punctuation costs no more.
    let mut lo = start.saturating_sub(CLAUSE_WINDOW);
    while !s.is_char_boundary(lo) {
        lo -= 1;
    }
    let window = &s[lo..start];
    let clause = window
        .rfind(['，', ',', '。', '；', ';', '：', ':', '！', '？'])
        .map_or(if lo == 0 { window } else { "" }, |p| &window[p..])
        .trim_start_matches(['，', ',', '。', '；', ';', '：', ':', '！', '？', ' ']);
    LED_CLAUSE_OPENERS.iter().any(|w| clause.starts_with(w))
}

/// The writer's own word for their level in `s`: `我区`, `我县`, then `全镇`, `全市`
/// (not `全国`, which is the country the work is compared with).
pub(super) fn own_level(s: &str) -> Option<OrgLevel> {
    ['我', '全'].into_iter().find_map(|w| {
        s.match_indices(w).find_map(|(i, _)| {
            let rest = &s[i + w.len_utf8()..];
            LEVEL_WORDS
                .iter()
                .filter(|(_, l)| *l != OrgLevel::National)
                .find(|(lw, _)| rest.starts_with(lw))
                .map(|(_, l)| *l)
        })
    })
}

/// The place name that ends with the level word at `lw_start..lw_end`: the
/// longest gazetteer division there (`宁夏回族自治区`, `房县`). The gazetteer holds
/// every division from the county up, so at those levels nothing else is a
/// name (`组织县妇联`, `代表省政府`); below them (镇, 乡, 街道, 社区, 村) the name is
/// the characters before the level word up to a stop (`茶盘洲镇`, `海尾社区` of `总结海尾社区`).
pub(super) fn name_before(
    s: &str,
    lw_start: usize,
    lw_end: usize,
    level: OrgLevel,
) -> Option<(usize, usize)> {
    let g = &*GAZETTEER;
    let known = s[..lw_start]
        .char_indices()
        .rev()
        .take(GAZETTEER_MAX_CHARS)
        .filter(|&(j, c)| g.may_open_name(c) && g.lookup(&s[j..lw_end]).is_some())
        .map(|(j, _)| j)
        .last();
    if let Some(j) = known {
        return Some((j, lw_end));
    }
    if !matches!(
        level,
        OrgLevel::Town | OrgLevel::Community | OrgLevel::Village
    ) {
        return None;
    }
    let mut start = lw_start;
    for (j, ch) in s[..lw_start].char_indices().rev() {
        let is_han = ('\u{4E00}'..='\u{9FFF}').contains(&ch);
        let stop_word = NAME_STOP_WORD_ENDS.contains(ch)
            && NAME_STOP_WORDS
                .iter()
                .any(|w| s[..j + ch.len_utf8()].ends_with(w));
        if !is_han || NAME_STOPS.contains(ch) || stop_word || lw_start - j > NAME_MAX_CHARS * 3 {
            break;
        }
        start = j;
    }
    let name = &s[start..lw_start];
    let n = name.chars().count();
    // `乡镇妇联`, `县市`: a generic pair of levels, not a name.
    let generic = name.ends_with(|c: char| "乡镇县市区村省州".contains(c));
    (n >= 2 && !generic).then_some((start, lw_end))
}

/// The first place named in a title: `NAME+suffix` (`奈曼旗`, `茶盘洲镇`, `四川省`).
pub(super) fn place_in_title(t: &str) -> Option<(usize, usize)> {
    let mut last_end = 0;
    for (i, _) in t.char_indices() {
        if i < last_end {
            continue;
        }
        let suffix = LEVEL_WORDS
            .iter()
            .filter(|(_, l)| *l != OrgLevel::National)
            .find(|(w, _)| t[i..].starts_with(*w));
        if let Some((suf, level)) = suffix {
            last_end = i + suf.len();
            if let Some(span) = name_before(t, i, last_end, *level) {
                return Some(span);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    /// `(line, the reporting body's level and place as written, or None)`.
    #[test]
    fn reporting_body_table() {
        use OrgLevel::*;
        type Case<'a> = (&'a str, Option<(OrgLevel, Option<&'a str>)>);
        let cases: &[Case] = &[
            ("今年谢塘镇妇联紧紧围绕", Some((Town, Some("谢塘镇")))),
            (
                "在市委、市政府的领导下,县妇联始终坚持",
                Some((County, None)),
            ),
            (
                "本人按照市妇联年初布署的任务,区妇联从实际出发",
                Some((District, None)),
            ),
            (
                "根据《中华全国妇女联合会章程》,乡妇联执委13人",
                Some((Town, None)),
            ),
            ("一年来,鎮(zhèn)婦聯(lián)緊緊圍繞", Some((Town, None))),
            (
                "__镇团委在镇党委、政府和沅江团市委的正确领导下",
                Some((Town, None)),
            ),
            ("XX縣總工會在省市總的工作指導下", Some((County, None))),
            (
                "2026年宁夏回族自治区人民政府工作报告",
                Some((Province, Some("宁夏回族自治区"))),
            ),
            ("城关镇民政局认真落实", Some((Town, Some("城关镇")))),
            ("全村村委会换届", Some((Village, None))),
            ("在区妇联的指导下", None),
            ("省、市妇联的领导", None),
            ("上级妇联", None),
        ];
        for (line, want) in cases {
            let f = fold_str(line);
            let got = find_orgs(&f, 0)
                .next()
                .map(|m| (m.level, m.place.map(|(a, b)| &f[a..b])));
            let want = want.map(|(l, p)| (l, p.map(fold_str)));
            let got = got.map(|(l, p)| (l, p.map(str::to_string)));
            assert_eq!(got, want, "{line}");
        }
    }

    /// The level word found before a body word (glossed or not) is the one
    /// read from its start: `find_orgs` takes its end from the first.
    #[test]
    fn level_word_before_a_body_word_is_the_one_at_its_start() {
        let bodies = BODY_WORDS
            .iter()
            .chain(LEVELLED_BODIES.iter().map(|(w, _)| w));
        for body in bodies {
            for (lw, _) in LEVEL_WORDS {
                for head in [lw.to_string(), format!("全{lw}"), format!("{lw}(xiàn)")] {
                    let s = format!("{head}{body}");
                    let head = strip_gloss(&s[..head.len()]);
                    let Some((found, _)) = level_word_before(head) else {
                        panic!("{s}");
                    };
                    let start = head.len() - found.len();
                    let at_start = LEVEL_WORDS.iter().find(|(w, _)| s[start..].starts_with(w));
                    assert_eq!(at_start.map(|(w, _)| *w), Some(*found), "{s}");
                }
            }
        }
        for head in ["", "a", "妇女", "县级", "全国a"] {
            assert_eq!(level_word_before(head), None, "{head}");
        }
    }

    /// `book_marks_after` counts by bytes what a walk over the characters counts.
    #[test]
    fn book_marks_by_bytes_are_book_marks_by_characters() {
        let by_chars = |mut depth: i32, s: &str| {
            for c in s.chars() {
                match c {
                    '《' => depth += 1,
                    '》' => depth = (depth - 1).max(0),
                    _ => {}
                }
            }
            depth
        };
        let contexts: [fn(char) -> String; 3] = [
            |c| format!("《章程{c}》的"),
            |c| format!("{c}》《{c}《"),
            |c| format!("》{c}{c}》"),
        ];
        crate::text::in_every_bmp_context(&contexts, |t, c| {
            for depth in 0..2 {
                let want = by_chars(depth, t);
                assert_eq!(book_marks_after(depth, t), want, "{:04X} in {t}", c as u32);
            }
        });
    }

    #[test]
    fn word_ends_are_the_last_characters_of_their_words() {
        let level_words: Vec<&str> = LEVEL_WORDS.iter().map(|(w, _)| *w).collect();
        let sets: [(&BmpSet, &[&str]); 3] = [
            (&NAME_STOP_WORD_ENDS, NAME_STOP_WORDS),
            (&LED_BY_WORD_ENDS, LED_BY_WORDS),
            (&LEVEL_WORD_ENDS, &level_words),
        ];
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            for (ends, words) in sets {
                let ends_one = words.iter().any(|w| w.ends_with(c));
                assert_eq!(ends.contains(c), ends_one, "{c} of {words:?}");
            }
        }
    }

    #[test]
    fn own_level_and_whole_place_names() {
        assert_eq!(
            own_level("今年以来,我区残疾人工作"),
            Some(OrgLevel::District)
        );
        assert_eq!(own_level("全县各级妇联"), Some(OrgLevel::County));
        assert_eq!(own_level("全国先进集体"), None);
        for (title, want) in [
            ("2019年妇女儿童工作总结海尾社区妇联", Some("海尾社区")),
            ("2014年奈曼旗妇联工作总结", Some("奈曼旗")),
            ("陕西省2026年政府工作报告", Some("陕西省")),
            ("2024社区妇联年度工作总结", None),
            ("乡镇妇联工作总结", None),
        ] {
            let got = place_in_title(title).map(|(a, b)| &title[a..b]);
            assert_eq!(got, want, "{title}");
        }
    }
}
