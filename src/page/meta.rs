//! Report metadata: the year covered, the reporting body, its level and place.
//!
//! Evidence is read in order of trust: the report's own title (unless the
//! title is a collection page's, shared by several reports, or names a kind
//! of body, `乡镇妇联工作总结`), then its opening
//! (what it says before its outline), then the whole body. A place named
//! later in the text, or a body named as the one that leads, decides nothing
//! while the title or the opening speak.

use std::ops::Range;

use foldhash::{HashMap, HashMapExt};

use super::org::{OrgMention, find_orgs, own_level, place_in_title};
use super::places::level_of;
use super::year::read_year;
use crate::model::OrgLevel;
use crate::text::Normalized;

mod tally;
use tally::{Mention, gazetteer_can_fit, gazetteer_mentions, gazetteer_place, level_matches};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportMeta {
    pub year: Option<i32>,
    pub org: Option<String>,
    pub org_level: Option<OrgLevel>,
    pub place: Option<String>,
}

/// How much of the body, at most, counts as its opening.
const OPENING_BYTES: usize = 900;

/// Folded lines of a report with their folded offsets.
type Lines<'a> = Vec<(&'a str, usize)>;

/// Where a piece of evidence was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Title,
    Opening,
    Body,
}

/// Read year, organisation, level and place for one report. `opening_end` (an
/// offset into `text`) is where the opening stops: the first numbered heading.
pub fn read_report_meta(
    text: &str,
    norm: &Normalized,
    title: &str,
    body: &[Range<usize>],
    shared_title: bool,
    opening_end: usize,
) -> ReportMeta {
    let folded = |r: &Range<usize>| -> (&str, usize) {
        let f = norm.to_folded(r.start);
        (norm.text.get(f..norm.to_folded(r.end)).unwrap_or(""), f)
    };
    let title_f = crate::text::fold_str(title);
    let whole: Lines = body.iter().map(folded).collect();
    let opening = opening_lines(&whole, norm.to_folded(opening_end));

    let opening_text: Vec<&str> = opening.iter().map(|(s, _)| *s).collect();
    let year = read_year(&title_f, &opening_text, shared_title);

    let in_title = || find_orgs(&title_f, 0).next().map(|o| (o, Source::Title));
    // A title's body with a generic level (`乡镇妇联工作总结`) names a kind of
    // report, not the writer: the text's body comes first.
    let own_title = || in_title().filter(|(o, _)| !o.generic);
    let opening_orgs = LineOrgs::new(&opening, None);
    let whole_orgs = LineOrgs::new(&whole, Some(&opening_orgs));
    // A report's own title is the best witness; a title shared by a collection
    // page's reports is the site's, and only a last resort. The writer's own word
    // for their level (`我区`) in the opening outranks a body named later on.
    let own = opening.iter().find_map(|(s, _)| own_level(s));
    let org_hit = (!shared_title)
        .then(own_title)
        .flatten()
        .or_else(|| opening_orgs.first().map(|o| (o, Source::Opening)))
        .or_else(|| {
            own.is_none()
                .then(|| whole_orgs.first().map(|o| (o, Source::Body)))
                .flatten()
        })
        .or_else(|| (shared_title || own.is_none()).then(in_title).flatten());
    let org = org_hit
        .as_ref()
        .map(|(o, src)| as_written(text, norm, title, &title_f, o.start..o.end, *src));
    let mut org_level = org_hit.as_ref().map(|(o, _)| o.level).or(own);

    let evidence = Evidence {
        text,
        norm,
        title,
        title_f: &title_f,
        opening: &opening,
        opening_orgs: &opening_orgs,
        whole: &whole,
        whole_orgs: &whole_orgs,
        whole_placed: std::cell::OnceCell::new(),
    };
    let place = read_place(&evidence, shared_title, org_hit.as_ref(), org_level);
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

/// The body's lines up to `end` (folded), at most `OPENING_BYTES` of them.
fn opening_lines<'a>(whole: &Lines<'a>, end: usize) -> Lines<'a> {
    let mut out = Vec::new();
    let mut len = 0;
    for &(s, off) in whole {
        if off >= end || len > OPENING_BYTES {
            break;
        }
        let cut = s.get(..end - off).unwrap_or(s);
        len += cut.len();
        out.push((cut, off));
    }
    out
}

/// The text of a folded span as the page writes it.
fn as_written(
    text: &str,
    norm: &Normalized,
    title: &str,
    title_f: &str,
    span: Range<usize>,
    src: Source,
) -> String {
    match src {
        // The same characters, one for one, as the folded title.
        Source::Title => title
            .chars()
            .skip(title_f[..span.start].chars().count())
            .take(title_f[span].chars().count())
            .collect(),
        Source::Opening | Source::Body => {
            let (a, b) = (norm.to_orig(span.start), norm.to_orig(span.end));
            text.get(a..b).unwrap_or("").to_string()
        }
    }
}

fn suffix_level(place: &str) -> Option<OrgLevel> {
    let f = crate::text::fold_str(place);
    super::org::LEVEL_WORDS
        .iter()
        .find(|(w, _)| f.ends_with(w))
        .map(|(_, l)| *l)
}

/// What a report offers to read its place from.
struct Evidence<'a> {
    text: &'a str,
    norm: &'a Normalized,
    title: &'a str,
    title_f: &'a str,
    opening: &'a Lines<'a>,
    opening_orgs: &'a LineOrgs<'a>,
    whole: &'a Lines<'a>,
    whole_orgs: &'a LineOrgs<'a>,
    /// The stems the whole body names as places, found when first asked.
    whole_placed: std::cell::OnceCell<Option<Vec<usize>>>,
}

impl Evidence<'_> {
    fn written(&self, span: (usize, usize), src: Source) -> Option<String> {
        Some(as_written(
            self.text,
            self.norm,
            self.title,
            self.title_f,
            span.0..span.1,
            src,
        ))
        .filter(|p| !p.is_empty())
    }
}

/// The named place, in order of trust: the reporting body's own place where
/// the title or opening names it; a place in the title; the place of a body of
/// the report's level in the opening (`洪塘街道妇联`); a place
/// before a body word that the text keeps naming (`戚家山街道妇联` … `戚家山`);
/// a division in the gazetteer the body keeps naming; a city or province of
/// the body's level named in the opening (`推进福州…`).
fn read_place(
    ev: &Evidence,
    shared_title: bool,
    org_hit: Option<&(OrgMention, Source)>,
    org_level: Option<OrgLevel>,
) -> Option<String> {
    if let Some((o, src)) = org_hit
        && *src != Source::Body
        && let Some(span) = o.place
    {
        return ev.written(span, *src);
    }
    if !shared_title && let Some(span) = place_in_title(ev.title_f) {
        return ev.written(span, Source::Title);
    }
    // The opening names the body of the report's level with its place (`洪塘街道妇联`).
    let in_opening = (0..ev.opening.len()).find_map(|i| {
        ev.opening_orgs
            .line(i)
            .iter()
            .filter(|o| org_level.is_none_or(|l| l == o.level))
            .find_map(|o| o.place)
    });
    if let Some(span) = in_opening {
        return ev.written(span, Source::Opening);
    }
    let level_fits = |name: &str| org_level.is_none() || suffix_level(name) == org_level;
    if let Some(span) = named_body_place(ev.whole_orgs, level_fits) {
        return ev.written(span, Source::Body);
    }
    // No division of the gazetteer (county and up) fits a town's, a village's or
    // a community's body: the body is not searched for one (gazetteer_mentions
    // 364 -> 246 calls, read_report_meta 121.8 M -> 115.7 M on bench-sub, callgrind).
    if gazetteer_can_fit(org_level)
        && let Some(span) = gazetteer_place(
            &placed_mentions(ev, |p| level_matches(org_level, p)),
            |p| level_matches(org_level, p),
            2,
            true,
        )
    {
        return ev.written(span, Source::Body);
    }
    // A city's or a province's name is rarely a common word (a county's can be:
    // 城区, 平安, 红旗, 和县), so one mention in the opening will do for those,
    // or one with its suffix anywhere (`团市委` … `衡阳市青年创业大赛`).
    let level = org_level.filter(|l| matches!(l, OrgLevel::City | OrgLevel::Province))?;
    let opening = gazetteer_mentions(ev.opening);
    if let Some(span) = gazetteer_place(&opening, |p| p == level, 1, false) {
        return ev.written(span, Source::Opening);
    }
    let span = gazetteer_place(
        &placed_mentions(ev, |p| p == level),
        |p| p == level,
        1,
        true,
    )?;
    ev.written(span, Source::Body)
}

/// The mentions of the whole body a tally for a place of a `fits` level can
/// choose from (see `tally::placed_mentions`).
fn placed_mentions(ev: &Evidence, fits: impl Fn(OrgLevel) -> bool) -> Vec<Mention> {
    let placed = ev
        .whole_placed
        .get_or_init(|| tally::placed_stems(ev.whole));
    tally::placed_mentions(ev.whole, placed.as_deref(), fits)
}

/// Shortest stem, in bytes, counted through the body for a place before a body word.
const STEM_MIN_BYTES: usize = 6;
/// Place names before a body word weighed at most.
const NAMED_MAX: usize = 16;

/// A place before a body word (`谢塘镇妇联`) of the body's level, that the body
/// names twice so, or names once so and its stem once more (`戚家山街道妇联` … `戚家山`).
/// Only the first `NAMED_MAX` names are weighed: the report's own place is named
/// early, and a report listing a thousand towns costs no more than one.
fn named_body_place(orgs: &LineOrgs, level_fits: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    let whole = orgs.lines;
    // Per place name, in order of first mention: mentions before a body word, the first span.
    let mut named: Vec<(&str, usize, (usize, usize))> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, (s, off)) in whole.iter().enumerate() {
        for o in orgs.line(i) {
            let Some((a, b)) = o.place else { continue };
            let Some(name) = s.get(a - off..b - off) else {
                continue;
            };
            if let Some(&k) = index.get(name) {
                named[k].1 += 1;
            } else if named.len() < NAMED_MAX {
                index.insert(name, named.len());
                named.push((name, 1, (a, b)));
            }
        }
    }
    named
        .into_iter()
        .filter(|(name, _, _)| level_fits(name))
        .filter_map(|(name, n, span)| {
            let stem = super::org::LEVEL_WORDS
                .iter()
                .find_map(|(w, _)| name.strip_suffix(w))
                .unwrap_or(name);
            let stem_count = if n < 2 && stem.len() >= STEM_MIN_BYTES {
                whole.iter().map(|(s, _)| s.matches(stem).count()).sum()
            } else {
                n
            };
            (n >= 2 || stem_count >= 2).then_some(((n, stem_count, name.len()), span))
        })
        .max_by_key(|(k, _)| *k)
        .map(|(_, span)| span)
}

/// The bodies named on each line of the opening or the whole body, read when
/// first asked: the first body named and the places before body words read the
/// same lines, and the automaton of body words walks each line once
/// (`read_report_meta` 123.8 M -> 121.9 M on the benchmark's subset, callgrind).
struct LineOrgs<'a> {
    lines: &'a Lines<'a>,
    found: Vec<std::cell::OnceCell<Vec<OrgMention>>>,
    /// The opening's, whose lines open the whole body's: a line the two share
    /// whole is read once (`BodyWords::find` 16.6 M -> 15.7 M on bench-sub, callgrind).
    opening: Option<&'a LineOrgs<'a>>,
}

impl<'a> LineOrgs<'a> {
    fn new(lines: &'a Lines<'a>, opening: Option<&'a LineOrgs<'a>>) -> Self {
        let found = lines.iter().map(|_| std::cell::OnceCell::new()).collect();
        LineOrgs {
            lines,
            found,
            opening,
        }
    }

    /// The bodies named on line `i`, in order.
    fn line(&self, i: usize) -> &[OrgMention] {
        // Lines of one folded text at the same offset and of the same length
        // are the same line.
        let (s, off) = self.lines[i];
        if let Some(opening) = self.opening
            && opening
                .lines
                .get(i)
                .is_some_and(|&(o, o_off)| o_off == off && o.len() == s.len())
        {
            return opening.line(i);
        }
        self.found[i].get_or_init(|| find_orgs(s, off).collect())
    }

    /// The first body named in the lines.
    fn first(&self) -> Option<OrgMention> {
        (0..self.lines.len()).find_map(|i| self.line(i).first().cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        read_report_meta(&text, &norm, title, &ranges, shared, text.len())
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

    /// The whole body's bodies, read with the opening's lines shared, are
    /// those read line by line: openings ending before, inside and after
    /// lines, over short cases and every real page in shared/.
    #[test]
    fn whole_lines_shared_with_the_opening_read_the_same() {
        let mut pages = crate::page::folded_shared_pages();
        pages.extend(
            [
                "",
                "县妇联",
                "镇妇联紧紧围绕。\n开通了谢塘镇妇联工作博客\n\n绍兴市妇联",
            ]
            .map(String::from),
        );
        for page in &pages {
            let mut whole: Lines = Vec::new();
            let mut off = 0;
            for l in page.split('\n') {
                whole.push((l, off));
                off += l.len() + 1;
            }
            let alone = LineOrgs::new(&whole, None);
            let ends = [0, 1, 3, 10, 40, 300, 900, page.len() / 2, page.len()];
            for end in ends.into_iter().filter(|&e| page.is_char_boundary(e)) {
                let opening = opening_lines(&whole, end);
                let opening_orgs = LineOrgs::new(&opening, None);
                let with_opening = LineOrgs::new(&whole, Some(&opening_orgs));
                for i in 0..whole.len() {
                    assert_eq!(with_opening.line(i), alone.line(i), "line {i} of {end}");
                }
            }
        }
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
