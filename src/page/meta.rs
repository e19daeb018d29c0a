//! Report metadata: the year covered, the reporting body, its level and place.
//!
//! Evidence is read in order of trust: the report's own title (unless the
//! title is a collection page's, shared by several reports), then the opening
//! of the body (before the first heading), then the whole body.

use std::collections::HashMap;
use std::ops::Range;

use super::places::{GAZETTEER, level_of};
use super::starts_like_heading;
use crate::model::OrgLevel;
use crate::text::Normalized;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportMeta {
    pub year: Option<i32>,
    pub org: Option<String>,
    pub org_level: Option<OrgLevel>,
    pub place: Option<String>,
}

/// How much of the body, at most, counts as its opening.
const OPENING_BYTES: usize = 900;

/// Level words before an organisation word, longest first (社区 before 区).
const LEVEL_WORDS: &[(&str, OrgLevel)] = &[
    ("全国", OrgLevel::National),
    ("自治区", OrgLevel::Province),
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

/// Words for a women's federation or a body like it.
const ORG_WORDS: &[&str] = &["妇女联合会", "妇联", "妇代会", "妇委会", "妇工委"];

/// Characters that end a place name when reading backwards from its suffix.
const NAME_STOPS: &str = "多名个余级了的在和与及是为对向由把被将从全本我各该等到入至进出于并给让使同跟其每此这那上下中新开通原原年度届第号";

/// Read year, organisation, level and place for one report.
pub fn read_report_meta(
    text: &str,
    norm: &Normalized,
    title: &str,
    body: &[Range<usize>],
    shared_title: bool,
) -> ReportMeta {
    let folded = |r: &Range<usize>| -> (&str, usize) {
        let f = norm.to_folded(r.start);
        (norm.text.get(f..norm.to_folded(r.end)).unwrap_or(""), f)
    };
    let title_f = crate::text::fold_str(title);
    let mut opening: Vec<(&str, usize)> = Vec::new();
    let mut opening_len = 0;
    for r in body {
        let (s, off) = folded(r);
        if starts_like_heading(s) || opening_len > OPENING_BYTES {
            break;
        }
        opening_len += s.len();
        opening.push((s, off));
    }
    let whole: Vec<(&str, usize)> = body.iter().map(folded).collect();

    let year = read_year(&title_f, &opening, shared_title);

    let in_title = || find_orgs(&title_f, 0).into_iter().next().map(|o| (o, true));
    let in_opening = || {
        opening
            .iter()
            .find_map(|(s, off)| find_orgs(s, *off).into_iter().next())
            .map(|o| (o, false))
    };
    let in_body = || {
        whole
            .iter()
            .find_map(|(s, off)| find_orgs(s, *off).into_iter().next())
            .map(|o| (o, false))
    };
    // A report's own title is the best witness; a title shared by a collection
    // page's reports is the site's, and only a last resort.
    let org_hit = if shared_title {
        in_opening().or_else(in_body).or_else(in_title)
    } else {
        in_title().or_else(in_opening).or_else(in_body)
    };
    let org = org_hit.as_ref().map(|(o, in_title)| {
        if *in_title {
            // As written in the title: same characters, one for one, as the folded title.
            title
                .chars()
                .skip(title_f[..o.start].chars().count())
                .take(o.text.chars().count())
                .collect()
        } else {
            let (a, b) = (norm.to_orig(o.start), norm.to_orig(o.start + o.text.len()));
            text.get(a..b).unwrap_or(&o.text).to_string()
        }
    });

    let mut org_level = org_hit.as_ref().map(|(o, _)| o.level);
    let place = read_place(text, norm, title, &title_f, &whole, shared_title, org_level);
    if let Some(p) = &place {
        let place_level = level_of(&crate::text::fold_str(p));
        match (org_level, place_level) {
            // A county-level city's 市妇联 is a county-level body.
            (Some(OrgLevel::City), Some(OrgLevel::County)) => org_level = Some(OrgLevel::County),
            (None, l) => org_level = l.or_else(|| suffix_level(p)),
            _ => {}
        }
    }
    ReportMeta {
        year,
        org,
        org_level,
        place,
    }
}

/// A year expression: a year, or a placeholder where the year should be.
#[derive(Debug, Clone, Copy, PartialEq)]
enum YearMention {
    Year(i32),
    Placeholder,
}

fn read_year(title: &str, opening: &[(&str, usize)], shared_title: bool) -> Option<i32> {
    let pick = |m: YearMention| match m {
        YearMention::Year(y) => Some(y),
        YearMention::Placeholder => None,
    };
    if !shared_title && let Some(m) = first_year(title) {
        return pick(m);
    }
    if let Some(m) = opening.iter().find_map(|(s, _)| first_year(s)) {
        return pick(m);
    }
    if !shared_title {
        // `2014妇联工作总结`: a bare year opening the title.
        let digits: String = title.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            return digits.parse().ok().filter(|y| (1949..=2100).contains(y));
        }
    }
    None
}

/// The first `NNNN年` (or `二〇一四年`, or a placeholder like `xx年`, `20__年`) in `s`.
fn first_year(s: &str) -> Option<YearMention> {
    for (i, _) in s.match_indices('年') {
        let before: Vec<char> = s[..i].chars().rev().take(6).collect::<Vec<_>>();
        let token: String = before
            .iter()
            .take_while(|c| c.is_ascii_digit() || "xX×_*＿〇零一二三四五六七八九○".contains(**c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if token.is_empty() {
            continue;
        }
        if token.len() == 4 && token.chars().all(|c| c.is_ascii_digit()) {
            if let Ok(y) = token.parse::<i32>()
                && (1949..=2100).contains(&y)
            {
                return Some(YearMention::Year(y));
            }
            continue;
        }
        if token.chars().any(|c| "xX×_*＿".contains(c)) && token.chars().count() >= 2 {
            return Some(YearMention::Placeholder);
        }
        let cn: String = token
            .chars()
            .filter_map(|c| "〇零○一二三四五六七八九".find(c).map(|_| c))
            .map(|c| match c {
                '〇' | '零' | '○' => '0',
                '一' => '1',
                '二' => '2',
                '三' => '3',
                '四' => '4',
                '五' => '5',
                '六' => '6',
                '七' => '7',
                '八' => '8',
                _ => '9',
            })
            .collect();
        if cn.len() == 4
            && token.chars().count() == 4
            && let Ok(y) = cn.parse::<i32>()
            && (1949..=2100).contains(&y)
        {
            return Some(YearMention::Year(y));
        }
    }
    None
}

/// An organisation mention in folded text, with its folded offset.
#[derive(Debug, Clone, PartialEq)]
struct OrgMention {
    start: usize,
    text: String,
    level: OrgLevel,
}

/// Organisation mentions that name the reporting body: `市妇联始终…`, not
/// `在市妇联的指导下`, `上级妇联`, `省、市妇联`.
fn find_orgs(s: &str, offset: usize) -> Vec<OrgMention> {
    let mut out = Vec::new();
    for w in ORG_WORDS {
        for (i, _) in s.match_indices(w) {
            let head = &s[..i];
            let Some((lw, level)) = LEVEL_WORDS.iter().find(|(lw, _)| head.ends_with(lw)) else {
                continue;
            };
            let start = i - lw.len();
            let before = s[..start].chars().next_back();
            let after = s[i + w.len()..].chars().next();
            if after == Some('的') || before.is_some_and(|c| "、和与及同在受经上各".contains(c))
            {
                continue;
            }
            if out
                .iter()
                .any(|o: &OrgMention| o.start <= start && start < o.start + o.text.len())
            {
                continue;
            }
            out.push(OrgMention {
                start: offset + start,
                text: format!("{lw}{w}"),
                level: *level,
            });
        }
    }
    out.sort_by_key(|o| o.start);
    out
}

/// Administrative suffixes of place names, longest first.
const PLACE_SUFFIXES: &[&str] = &[
    "街道", "社区", "镇", "乡", "村", "县", "市", "区", "旗", "盟", "州",
];

fn suffix_level(place: &str) -> Option<OrgLevel> {
    let f = crate::text::fold_str(place);
    LEVEL_WORDS
        .iter()
        .find(|(w, _)| f.ends_with(w))
        .map(|(_, l)| *l)
}

/// The named place: from the title (`2014年奈曼旗妇联…` → 奈曼旗), from
/// `谢塘镇妇联` in the body, or a division in the gazetteer the body keeps naming.
fn read_place(
    text: &str,
    norm: &Normalized,
    title: &str,
    title_f: &str,
    whole: &[(&str, usize)],
    shared_title: bool,
    org_level: Option<OrgLevel>,
) -> Option<String> {
    if !shared_title && let Some((a, b)) = place_before_suffix(title_f, true).into_iter().next() {
        let skip = title_f[..a].chars().count();
        let take = title_f[a..b].chars().count();
        return Some(title.chars().skip(skip).take(take).collect());
    }
    // `谢塘镇妇联`: a name, a suffix and an organisation word, named at least twice;
    // where the organisation's level is known, a place of that level.
    let mut counts: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (s, off) in whole {
        for (a, b) in place_before_suffix(s, false) {
            let e = counts.entry(&s[a..b]).or_insert((0, off + a, off + b));
            e.0 += 1;
        }
    }
    let level_fits = |name: &str| org_level.is_none() || suffix_level(name) == org_level;
    if let Some((_, (_, a, b))) = counts
        .into_iter()
        .filter(|(k, v)| v.0 >= 2 && level_fits(k))
        .max_by_key(|(k, v)| (v.0, k.len()))
    {
        return text
            .get(norm.to_orig(a)..norm.to_orig(b))
            .map(str::to_string);
    }
    gazetteer_place(text, norm, whole, org_level)
}

/// `NAME+suffix` spans in `s`. In a title the name runs from the title's start (after a
/// year); in running text it is read backwards to a stop character and followed by an
/// organisation word.
fn place_before_suffix(s: &str, in_title: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, end) in suffix_spans(s, in_title) {
        let mut start = i;
        for (j, ch) in s[..i].char_indices().rev() {
            let is_han = ('\u{4E00}'..='\u{9FFF}').contains(&ch);
            if !is_han || NAME_STOPS.contains(ch) || i - j > 4 * 3 {
                break;
            }
            start = j;
        }
        let name = &s[start..i];
        let n = name.chars().count();
        // `乡镇妇联`, `县市`: a generic pair of levels, not a name.
        let generic = name.ends_with(|c: char| "乡镇县市区村省州".contains(c));
        if (2..=5).contains(&n) && !generic && !name.contains(['x', 'X', '×', '_', '*']) {
            out.push((start, end));
            if in_title {
                break;
            }
        }
    }
    out
}

/// Where a place suffix stands in `s`, as `(start, end)`. In a title, every
/// suffix (a suffix is never read inside another: `区` of `社区`); in running text
/// only those right before an organisation word, found from that word, which
/// is rare, rather than by trying every character.
fn suffix_spans(s: &str, in_title: bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if in_title {
        let mut last_end = 0;
        for (i, _) in s.char_indices() {
            if i < last_end {
                continue;
            }
            if let Some(suf) = PLACE_SUFFIXES.iter().find(|x| s[i..].starts_with(*x)) {
                last_end = i + suf.len();
                spans.push((i, last_end));
            }
        }
        return spans;
    }
    // Every organisation word starts with 妇. No suffix's first character ends
    // another suffix, so the longest suffix ending at the word (the list has
    // the two-character ones first) is the one a forward reading would find.
    for (p, _) in s.match_indices('妇') {
        if !ORG_WORDS.iter().any(|w| s[p..].starts_with(w)) {
            continue;
        }
        let head = &s[..p];
        if let Some(suf) = PLACE_SUFFIXES.iter().find(|x| head.ends_with(*x)) {
            spans.push((p - suf.len(), p));
        }
    }
    spans
}

/// Per gazetteer place: mentions, mentions as a place, a span with the suffix
/// (if any was written), a span of the stem.
type Mentions = (usize, usize, Option<(usize, usize)>, (usize, usize));

/// Whether a division of `place` level can be the home of a body of `org` level:
/// the same level, or a county-level city's 市妇联.
fn level_matches(org: Option<OrgLevel>, place: OrgLevel) -> bool {
    match org {
        None => true,
        Some(OrgLevel::City) => matches!(place, OrgLevel::City | OrgLevel::County),
        Some(l) => l == place,
    }
}

/// A gazetteer division the body names at least twice, once as a place
/// (with its suffix, or before 妇女/妇联): the report's place, as written.
fn gazetteer_place(
    text: &str,
    norm: &Normalized,
    whole: &[(&str, usize)],
    org_level: Option<OrgLevel>,
) -> Option<String> {
    let g = &*GAZETTEER;
    let mut seen: HashMap<usize, Mentions> = HashMap::new();
    for (s, off) in whole {
        for m in g.stems.find_iter(*s) {
            let p = &g.places[m.pattern().as_usize()];
            let rest = &s[m.end()..];
            let full_suffix = &p.full[p.stem.len()..];
            let with_suffix = !full_suffix.is_empty() && rest.starts_with(full_suffix);
            let placed =
                with_suffix || ["妇女", "妇联", "妇儿"].iter().any(|w| rest.starts_with(w));
            let e = seen.entry(m.pattern().as_usize()).or_insert((
                0,
                0,
                None,
                (off + m.start(), off + m.end()),
            ));
            e.0 += 1;
            e.1 += usize::from(placed);
            if with_suffix && e.2.is_none() {
                e.2 = Some((off + m.start(), off + m.end() + full_suffix.len()));
            }
        }
    }
    let (_, (_, _, full_span, stem_span)) = seen
        .into_iter()
        .filter(|(i, v)| v.0 >= 2 && v.1 >= 1 && level_matches(org_level, g.places[*i].level))
        .max_by_key(|(i, v)| (v.0, g.places[*i].stem.len()))?;
    let (a, b) = full_span.unwrap_or(stem_span);
    text.get(norm.to_orig(a)..norm.to_orig(b))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_in_running_text_are_read_before_an_organisation_word() {
        // `suffix_spans` looks for organisation words from their first character.
        assert!(ORG_WORDS.iter().all(|w| w.starts_with('妇')));
        let s = "今年谢塘镇妇联和城关社区妇女联合会，市区妇联，镇里";
        let names: Vec<&str> = place_before_suffix(s, false)
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect();
        assert_eq!(names, ["谢塘镇", "城关社区"]);
    }

    fn meta(title: &str, body: &str, shared: bool) -> ReportMeta {
        let text = format!("{title}\n{body}");
        let norm = Normalized::new(&text);
        let mut ranges = Vec::new();
        let mut pos = title.len() + 1;
        for l in body.split('\n') {
            if !l.is_empty() {
                ranges.push(pos..pos + l.len());
            }
            pos += l.len() + 1;
        }
        read_report_meta(&text, &norm, title, &ranges, shared)
    }

    #[test]
    fn year_from_title_then_opening_placeholder_is_none() {
        assert_eq!(
            meta("2014年奈曼旗妇联工作总结", "一年来，旗各级妇联组织…", false).year,
            Some(2014)
        );
        assert_eq!(
            meta(
                "妇联述职报告",
                "市妇联述职报告:\n2013年,在市委的领导下",
                false
            )
            .year,
            Some(2013)
        );
        assert_eq!(
            meta("縣婦聯年終工作總結", "xx年全縣各級婦聯組織", false).year,
            None
        );
        assert_eq!(
            meta("2024社区妇联年度工作总结", "20__年,镇妇联紧紧围绕", true).year,
            None
        );
        assert_eq!(
            meta("二〇一四年妇联工作总结", "今年", false).year,
            Some(2014)
        );
        assert_eq!(meta("2019妇联工作总结", "今年以来", false).year, Some(2019));
        assert_eq!(meta("2019妇联工作总结", "今年以来", true).year, None);
    }

    #[test]
    fn org_is_the_subject_not_the_supervisor() {
        let m = meta(
            "妇联述职报告",
            "在市委、市政府的正确领导和上级妇联的具体指导下,市妇联始终坚持",
            false,
        );
        assert_eq!(
            (m.org.as_deref(), m.org_level),
            (Some("市妇联"), Some(OrgLevel::City))
        );
        let m = meta(
            "2023年茶盘洲镇妇联工作总结",
            "茶盘洲镇妇联在市妇联的指导下",
            false,
        );
        assert_eq!(
            (m.org.as_deref(), m.org_level),
            (Some("镇妇联"), Some(OrgLevel::Town))
        );
        assert_eq!(m.place.as_deref(), Some("茶盘洲镇"));
        let m = meta("縣婦聯年終工作總結", "全縣各級婦聯組織", false);
        assert_eq!(
            (m.org.as_deref(), m.org_level),
            (Some("縣婦聯"), Some(OrgLevel::County))
        );
        let m = meta(
            "社区妇联工作总结",
            "__年是__区“精细化管理年”,区妇联以精细化管理项目",
            true,
        );
        assert_eq!(
            (m.org.as_deref(), m.org_level),
            (Some("区妇联"), Some(OrgLevel::District))
        );
    }

    #[test]
    fn place_from_title_body_and_gazetteer() {
        assert_eq!(
            meta("2014年奈曼旗妇联工作总结", "正文", false)
                .place
                .as_deref(),
            Some("奈曼旗")
        );
        let m = meta(
            "工作总结",
            "镇妇联紧紧围绕。\n开通了谢塘镇妇联工作博客。绍兴市妇联录用。谢塘镇妇联博客。被绍兴市妇联评为",
            true,
        );
        assert_eq!(m.place.as_deref(), Some("谢塘镇"));
        let m = meta(
            "妇联述职报告",
            "市妇联坚持。打造鹰潭特色。\n第二届鹰潭市体育健身舞蹈大奖赛",
            false,
        );
        assert_eq!(m.place.as_deref(), Some("鹰潭市"));
        let m = meta("妇联述职报告", "沅江市妇联坚持。沅江市妇女", false);
        assert_eq!(m.org_level, Some(OrgLevel::County));
        assert_eq!(meta("工作总结", "今年我们和平相处。", false).place, None);
    }
}
