//! The gazetteer's divisions a report names, and the one it names most as
//! its place.

use std::sync::LazyLock;

use super::Lines;
use crate::model::OrgLevel;
use crate::page::places::{GAZETTEER, PLACED_BEFORE};

/// One mention of a gazetteer division in the text: which, where (folded
/// offsets), where it ends with its suffix if the suffix is written, and whether
/// it is named as a place (with its suffix, or before 妇女/妇联/妇儿).
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    place: usize,
    span: (usize, usize),
    with_suffix: Option<usize>,
    as_place: bool,
}

/// Every gazetteer mention in `lines`, in reading order.
pub(super) fn gazetteer_mentions(lines: &Lines) -> Vec<Mention> {
    let g = &*GAZETTEER;
    let mut out = Vec::new();
    for (s, off) in lines {
        for (start, end, first) in g.stems_in(s) {
            let rest = &s[end..];
            let idx = g.place_at(first, rest);
            let p = &g.places[idx];
            let full_suffix = &p.full[p.stem.len()..];
            let with_suffix = !full_suffix.is_empty() && rest.starts_with(full_suffix);
            let as_place = with_suffix || PLACED_BEFORE.iter().any(|w| rest.starts_with(w));
            out.push(Mention {
                place: idx,
                span: (off + start, off + end),
                with_suffix: with_suffix.then_some(off + end + full_suffix.len()),
                as_place,
            });
        }
    }
    out
}

/// The stems `lines` name as places (see `Gazetteer::placed_stems`), by their
/// first division, once each; `None` if that cannot be told.
pub(super) fn placed_stems(lines: &Lines) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for (s, _) in lines {
        if !GAZETTEER.placed_stems(s, &mut out) {
            return None;
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Most stems whose lines are picked out one by one; with more, every line is read.
const STEMS_SEARCHED_MAX: usize = 8;

/// The mentions in `lines` that a tally asking for a place of a `fits` level
/// can choose from: those on the lines that name a stem of such a level that
/// `placed` (see `placed_stems`) says is named as a place somewhere. A division
/// the tally can choose has a mention as a place, so its stem is in `placed`
/// and every line naming it is read: its count, its first spans and the order
/// of first mentions among such divisions are those of the whole body, and a
/// division with fewer mentions read is one the tally could not choose anyway.
/// The whole body's gazetteer search 39.5 M -> 26.8 M (21.2 M of it `placed_stems`),
/// `read_report_meta` 97.6 M -> 84.9 M on the benchmark's subset (callgrind).
pub(super) fn placed_mentions(
    lines: &Lines,
    placed: Option<&[usize]>,
    fits: impl Fn(OrgLevel) -> bool,
) -> Vec<Mention> {
    let g = &*GAZETTEER;
    let Some(placed) = placed else {
        return gazetteer_mentions(lines);
    };
    let stems: Vec<&str> = placed
        .iter()
        .filter(|&&i| g.any_with_stem(i, |p| fits(p.level)))
        .map(|&i| g.places[i].stem)
        .collect();
    if stems.is_empty() {
        return Vec::new();
    }
    if stems.len() > STEMS_SEARCHED_MAX {
        return gazetteer_mentions(lines);
    }
    let finders: Vec<memchr::memmem::Finder> =
        stems.iter().map(memchr::memmem::Finder::new).collect();
    let named: Lines = lines
        .iter()
        .filter(|(s, _)| finders.iter().any(|f| f.find(s.as_bytes()).is_some()))
        .copied()
        .collect();
    gazetteer_mentions(&named)
}

/// The levels the gazetteer's divisions are at.
static GAZETTEER_LEVELS: LazyLock<Vec<OrgLevel>> = LazyLock::new(|| {
    let mut levels: Vec<OrgLevel> = GAZETTEER.places.iter().map(|p| p.level).collect();
    levels.sort_unstable();
    levels.dedup();
    levels
});

/// Whether some gazetteer division can be the home of a body of `org` level.
pub(super) fn gazetteer_can_fit(org: Option<OrgLevel>) -> bool {
    GAZETTEER_LEVELS.iter().any(|&l| level_matches(org, l))
}

/// Whether a division of `place` level can be the home of a body of `org` level:
/// the same level, or a county-level city's 市妇联.
pub(super) fn level_matches(org: Option<OrgLevel>, place: OrgLevel) -> bool {
    match org {
        None => true,
        Some(OrgLevel::City) => matches!(place, OrgLevel::City | OrgLevel::County),
        Some(l) => l == place,
    }
}

/// Per division, in order of first mention: mentions, mentions as a place, the
/// first span with the suffix (if any was written), the first span of the stem.
struct Tally {
    place: usize,
    mentions: usize,
    as_place: usize,
    full_span: Option<(usize, usize)>,
    stem_span: (usize, usize),
}

/// A gazetteer division of a fitting level that `mentions` name at least
/// `min_mentions` times (once as a place, where `placed` is asked): its span, as
/// written, with the suffix if any was. The most named wins, then the longest
/// stem, then the first named.
pub(super) fn gazetteer_place(
    mentions: &[Mention],
    fits: impl Fn(OrgLevel) -> bool,
    min_mentions: usize,
    placed: bool,
) -> Option<(usize, usize)> {
    let g = &*GAZETTEER;
    let mut tallies: Vec<Tally> = Vec::new();
    // Keys are gazetteer indices, not a page's text: FxHash rather than SipHash.
    let mut index: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    for m in mentions {
        let k = *index.entry(m.place).or_insert_with(|| {
            tallies.push(Tally {
                place: m.place,
                mentions: 0,
                as_place: 0,
                full_span: None,
                stem_span: m.span,
            });
            tallies.len() - 1
        });
        let t = &mut tallies[k];
        t.mentions += 1;
        t.as_place += usize::from(m.as_place);
        if let (Some(end), None) = (m.with_suffix, t.full_span) {
            t.full_span = Some((m.span.0, end));
        }
    }
    let best = tallies
        .iter()
        .filter(|t| {
            t.mentions >= min_mentions
                && (!placed || t.as_place >= 1)
                && fits(g.places[t.place].level)
        })
        .rev() // `max_by_key` keeps the last of equals: the first named
        .max_by_key(|t| (t.mentions, g.places[t.place].stem.len()))?;
    Some(best.full_span.unwrap_or(best.stem_span))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole-body gazetteer search is skipped exactly where no division's
    /// level fits the body's.
    #[test]
    fn gazetteer_fits_only_levels_it_holds() {
        use OrgLevel::*;
        let levels = [
            Village, Community, Town, County, District, Banner, City, Province, National,
        ];
        for org in levels.map(Some).into_iter().chain([None]) {
            let any_place = GAZETTEER.places.iter().any(|p| level_matches(org, p.level));
            assert_eq!(gazetteer_can_fit(org), any_place, "{org:?}");
        }
        assert!(!gazetteer_can_fit(Some(Town)) && gazetteer_can_fit(Some(County)));
    }

    /// Every mention named as a place has its stem among the placed stems,
    /// with every character of the Basic Multilingual Plane around and inside
    /// places named with a suffix or before 妇女/妇联/妇儿.
    #[test]
    fn placed_stems_hold_every_mention_named_as_a_place() {
        let contexts: [fn(char) -> String; 6] = [
            |c| format!("{c}衡阳市妇联{c}"),
            |c| format!("禅城{c}妇女禅城妇儿"),
            |c| format!("衡阳{c}县{c}宁夏回族自治区"),
            |c| format!("{c}克孜勒苏柯尔克孜自治州{c}"),
            |c| format!("鹰{c}潭市{c}城区妇联"),
            |c| format!("\u{10000}{c}平安新区{c}地区"),
        ];
        crate::text::in_every_bmp_context(&contexts, |t, c| {
            assert_placed_hold_places(t, &format!("{:04X} in {t}", c as u32));
        });
        let g = &*GAZETTEER;
        for (i, p) in g.places.iter().enumerate() {
            let next = g.places[(i + 1) % g.places.len()].full;
            for w in PLACED_BEFORE {
                let t = format!("{}{w}{}{}妇联{next}", p.stem, p.full, p.stem);
                assert_placed_hold_places(&t, &t);
            }
        }
    }

    fn assert_placed_hold_places(t: &str, what: &str) {
        let g = &*GAZETTEER;
        let placed = placed_stems(&vec![(t, 0)]).expect("anchors are read by bytes");
        let placed: Vec<&str> = placed.iter().map(|&i| g.places[i].stem).collect();
        for m in gazetteer_mentions(&vec![(t, 0)])
            .iter()
            .filter(|m| m.as_place)
        {
            assert!(placed.contains(&g.places[m.place].stem), "{what}");
        }
    }

    /// The tally over the lines naming placed stems chooses what the tally over
    /// every line chooses, for every level asked and both kinds of question,
    /// with the lines of every real page in shared/ as one body.
    #[test]
    fn placed_mentions_choose_as_every_mention_does() {
        use OrgLevel::*;
        let pages = crate::page::folded_shared_pages();
        let levels = [
            Village, Community, Town, County, District, Banner, City, Province, National,
        ];
        let mut chosen = 0;
        for page in &pages {
            let mut lines: Lines = Vec::new();
            let mut off = 0;
            for l in page.split('\n') {
                lines.push((l, off));
                off += l.len() + 1;
            }
            let placed = placed_stems(&lines);
            assert!(placed.is_some());
            let all = gazetteer_mentions(&lines);
            for org in levels.map(Some).into_iter().chain([None]) {
                let fits = |p| level_matches(org, p);
                let some = placed_mentions(&lines, placed.as_deref(), fits);
                let want = gazetteer_place(&all, fits, 2, true);
                assert_eq!(gazetteer_place(&some, fits, 2, true), want, "{org:?}");
                chosen += usize::from(want.is_some());
                let level = |p| Some(p) == org;
                let some = placed_mentions(&lines, placed.as_deref(), level);
                let want = gazetteer_place(&all, level, 1, true);
                assert_eq!(gazetteer_place(&some, level, 1, true), want, "{org:?}");
            }
        }
        assert!(chosen > 10, "places chosen: {chosen}");
    }
}
