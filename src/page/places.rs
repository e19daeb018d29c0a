//! A gazetteer of China's province-, prefecture- and county-level divisions,
//! to recognise the place a report speaks for when it names it without a
//! suffix (禅城妇女 → 禅城). Names from the adcodes table of the `cpca` package
//! (MIT licence, © 2018 QinYuan Du), reduced to name and level.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use crate::model::OrgLevel;

mod filter;
use filter::StemFilter;
mod placed;
use placed::Anchors;

/// One division: its full name, the stem without the administrative suffix, its level.
#[derive(Debug)]
pub struct Place {
    pub full: &'static str,
    pub stem: &'static str,
    pub level: OrgLevel,
}

/// Suffixes, longest first, stripped to get a division's stem.
const SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治县",
    "自治州",
    "自治旗",
    "自治区",
    "地区",
    "林区",
    "矿区",
    "新区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
];

/// Words after a stem that name it as a place without its suffix (`禅城妇女`).
pub const PLACED_BEFORE: &[&str] = &["妇女", "妇联", "妇儿"];

pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Index into `places` by full name.
    by_full: FxHashMap<&'static str, usize>,
    /// For a stem two divisions share (衡阳县, 衡阳市), every place holding it;
    /// `stems_in` reports the first.
    shared_stems: FxHashMap<&'static str, Vec<usize>>,
    /// Where in a text a stem can be.
    filter: StemFilter,
    /// The first division by stem.
    by_stem: FxHashMap<&'static str, u32>,
    /// Longest stem, in characters.
    max_stem_chars: usize,
    /// Where stems named as places can be; `None` where it cannot be told.
    anchors: Option<Anchors>,
}

impl Gazetteer {
    /// Every stem in `s`, leftmost-longest, without overlap: its byte span and
    /// the first division holding it (see `place_at` for its twins). Where the
    /// filter says a stem can start, the longest stem there is looked up; no
    /// stem starts anywhere else, so these are the matches of a leftmost-longest
    /// automaton of the stems (a test holds them to aho-corasick's). Looked up
    /// in the hashed stems, no automaton is built at all: daachorse's took
    /// 12.5 M instructions at every start (the gazetteer's build 18.1 M -> 5.8 M,
    /// `read_report_meta` 84.9 M -> 72.5 M on bench-sub, callgrind).
    pub fn stems_in<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let bytes = s.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            loop {
                let start = self.filter.next_start(bytes, at)?;
                match self.longest_stem_at(s, start) {
                    Some((end, i)) => {
                        at = end;
                        return Some((start, end, i));
                    }
                    None => at = start + 3,
                }
            }
        })
    }

    /// The longest stem from `start`: where it ends, and its first division.
    /// A stem is made of three-byte characters that stems hold, at most
    /// `max_stem_chars` of them.
    fn longest_stem_at(&self, s: &str, start: usize) -> Option<(usize, usize)> {
        let run_end = self
            .filter
            .run_end(s.as_bytes(), start)
            .min(start + 3 * self.max_stem_chars);
        (start + 3..=run_end).rev().step_by(3).find_map(|end| {
            let i = *self.by_stem.get(s.get(start..end)?)?;
            Some((end, i as usize))
        })
    }

    /// Whether a division's name can begin with `c`: a test of one bit that
    /// spares most hashed look-ups of `lookup` (a stem begins its full name):
    /// `org::name_before` 25.0 M -> 22.4 M on the benchmark's subset (callgrind).
    pub fn may_open_name(&self, c: char) -> bool {
        self.filter.opens_with(c)
    }

    /// The division of this full name, if the gazetteer has it.
    pub fn lookup(&self, full: &str) -> Option<&Place> {
        self.by_full.get(full).map(|&i| &self.places[i])
    }

    /// The division the stem matched as pattern `i` names where `rest` follows
    /// it: of divisions sharing the stem, the one whose suffix `rest` writes
    /// (`衡阳` + `市…` is 衡阳市, not 衡阳县), else the first.
    pub fn place_at(&self, i: usize, rest: &str) -> usize {
        let Some(twins) = self.shared_stems.get(self.places[i].stem) else {
            return i;
        };
        twins
            .iter()
            .copied()
            .find(|&k| {
                let p = &self.places[k];
                let suffix = &p.full[p.stem.len()..];
                !suffix.is_empty() && rest.starts_with(suffix)
            })
            .unwrap_or(i)
    }
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let places = read_places(include_str!("places.tsv"));
    // Built at every start: the table read in one vector search, the maps
    // sized once, and a list of divisions only for a stem a second one holds
    // (the build, first asked by `org::name_before`, 5.9 M -> 3.2 M
    // instructions; bench-sub 698.8 M -> 695.8 M, callgrind).
    let mut first_with_stem: FxHashMap<&'static str, u32> =
        FxHashMap::with_capacity_and_hasher(places.len(), Default::default());
    let mut shared_stems: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
    for (i, p) in places.iter().enumerate() {
        let first = *first_with_stem.entry(p.stem).or_insert(i as u32);
        if first as usize != i {
            shared_stems
                .entry(p.stem)
                .or_insert_with(|| vec![first as usize])
                .push(i);
        }
    }
    let by_full = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.full, i))
        .collect();
    let filter = StemFilter::new(places.iter().map(|p| p.stem))
        .expect("every stem is written in three-byte characters");
    let max_stem_chars = places
        .iter()
        .map(|p| p.stem.chars().count())
        .max()
        .unwrap_or(0);
    let anchors = Anchors::new();
    Gazetteer {
        places,
        by_full,
        shared_stems,
        filter,
        by_stem: first_with_stem,
        max_stem_chars,
        anchors,
    }
});

/// The level a `places.tsv` line names (a county when it names none of the others).
fn level_named(level: &str) -> OrgLevel {
    match level {
        "province" => OrgLevel::Province,
        "city" => OrgLevel::City,
        "district" => OrgLevel::District,
        "banner" => OrgLevel::Banner,
        _ => OrgLevel::County,
    }
}

/// The divisions of `places.tsv`, a `full name<TAB>level` line each. The
/// separators are found by one vector search over the table, not two searches
/// a line.
fn read_places(tsv: &'static str) -> Vec<Place> {
    let mut places = Vec::with_capacity(tsv.len() / 16);
    let mut push = |full: &'static str, level: &str| {
        let level = level_named(level);
        places.push(Place {
            full,
            stem: stem_of(full),
            level,
        });
    };
    let mut line_start = 0;
    let mut tab = None;
    for i in memchr::memchr2_iter(b'\t', b'\n', tsv.as_bytes()) {
        if tsv.as_bytes()[i] == b'\t' {
            // A second tab is part of the level, as `split_once` reads a line.
            tab = tab.or(Some(i));
            continue;
        }
        if let Some(t) = tab.take() {
            let level = &tsv[t + 1..i];
            push(
                &tsv[line_start..t],
                level.strip_suffix('\r').unwrap_or(level),
            );
        }
        line_start = i + 1;
    }
    if let Some(t) = tab {
        push(&tsv[line_start..t], &tsv[t + 1..]);
    }
    places
}

/// A division's stem: its name without the longest suffix that leaves two
/// characters or more. A suffix's last byte is compared before the suffix.
fn stem_of(full: &'static str) -> &'static str {
    let last = full.as_bytes().last();
    SUFFIXES
        .iter()
        .filter(|s| s.as_bytes().last() == last)
        .find_map(|s| full.strip_suffix(s).filter(|st| st.chars().count() >= 2))
        .unwrap_or(full)
}

/// The level of a division by its full name, if the gazetteer has it.
pub fn level_of(full: &str) -> Option<OrgLevel> {
    GAZETTEER.lookup(full).map(|p| p.level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_levels() {
        let g = &*GAZETTEER;
        assert!(g.places.len() > 3000);
        let p = g.places.iter().find(|p| p.full == "禅城区").unwrap();
        assert_eq!((p.stem, p.level), ("禅城", OrgLevel::District));
        assert_eq!(level_of("沅江市"), Some(OrgLevel::County));
        assert_eq!(level_of("鹰潭市"), Some(OrgLevel::City));
        assert_eq!(level_of("奈曼旗"), Some(OrgLevel::Banner));
        // A stem two divisions share is read by the suffix written after it.
        let (_, _, first) = g.stems_in("衡阳市").next().unwrap();
        let i = g.place_at(first, "市委");
        assert_eq!(g.places[i].full, "衡阳市");
        let i = g.place_at(first, "县委");
        assert_eq!(g.places[i].full, "衡阳县");
    }

    /// The table is read as its lines split at their first tab, each stem
    /// stripped of the first suffix in `SUFFIXES` that leaves two characters.
    #[test]
    fn places_are_read_as_lines_split_at_the_first_tab() {
        let by_lines = |tsv: &'static str| -> Vec<(&str, &str, OrgLevel)> {
            tsv.lines()
                .filter_map(|l| {
                    let (full, level) = l.split_once('\t')?;
                    let level = level_named(level);
                    let stem = SUFFIXES
                        .iter()
                        .find_map(|s| full.strip_suffix(s).filter(|st| st.chars().count() >= 2))
                        .unwrap_or(full);
                    Some((full, stem, level))
                })
                .collect()
        };
        let tables = [
            include_str!("places.tsv"),
            "",
            "\n\n",
            "衡阳市\tcity",
            "衡阳市\tcity\n衡阳县\tcounty\n",
            "市\tcity\n新区\tdistrict\n浦东新区\tdistrict\n",
            "x\tcity\tbanner\ny\t\tcity\n",
            "无\n\t\n\tcity\n",
            "禅城区\tdistrict\r\n奈曼旗\tbanner\r\n",
            "宁夏回族自治区\tprovince\n香港特别行政区\tprovince",
        ];
        for tsv in tables {
            let got: Vec<_> = read_places(tsv)
                .iter()
                .map(|p| (p.full, p.stem, p.level))
                .collect();
            assert_eq!(got, by_lines(tsv), "{tsv:?}");
        }
    }

    /// The stems looked up are those aho-corasick's leftmost-longest search of
    /// the same stems finds, on every real page in shared/ and on stems run
    /// together.
    #[test]
    fn stems_in_agrees_with_aho_corasick() {
        let g = &*GAZETTEER;
        let reference = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(g.places.iter().map(|p| p.stem))
            .unwrap();
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        let mut texts: Vec<String> = ["corpus", "pages", "gov"]
            .iter()
            .filter_map(|d| std::fs::read_dir(shared.join(d)).ok())
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        texts.push(g.places.iter().map(|p| p.full).collect());
        texts.push(g.places.iter().map(|p| p.stem).collect());
        assert!(texts.len() > 20, "shared pages read: {}", texts.len());
        for t in &texts {
            let want: Vec<_> = reference
                .find_iter(t)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            let got: Vec<_> = g.stems_in(t).collect();
            assert_eq!(got, want);
        }
    }

    /// A leftmost-longest automaton of the stems over the whole text, with
    /// the first division holding each stem.
    fn stems_unfiltered(t: &str) -> Vec<(usize, usize, usize)> {
        static REFERENCE: LazyLock<(aho_corasick::AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
            let g = &*GAZETTEER;
            let mut stems: Vec<(&str, usize)> = Vec::new();
            for (i, p) in g.places.iter().enumerate() {
                if !stems.iter().any(|(s, _)| *s == p.stem) {
                    stems.push((p.stem, i));
                }
            }
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(stems.iter().map(|(s, _)| s))
                .unwrap();
            (ac, stems.iter().map(|(_, i)| *i).collect())
        });
        let (ac, first) = &*REFERENCE;
        ac.find_iter(t)
            .map(|m| (m.start(), m.end(), first[m.pattern().as_usize()]))
            .collect()
    }

    /// The byte-level filter reads every character of the Basic Multilingual
    /// Plane as a leftmost-longest automaton does: alone, opening, inside and closing stems.
    #[test]
    fn filtered_stems_agree_in_every_bmp_context() {
        let contexts: [fn(char) -> String; 6] = [
            |c| format!("{c}"),
            |c| format!("{c}阳县"),
            |c| format!("衡{c}市妇联"),
            |c| format!("禅城{c}衡阳"),
            |c| format!("a{c}县{c}{c}"),
            |c| format!("\u{10000}{c}城区"),
        ];
        crate::text::in_every_bmp_context(&contexts, |t, c| {
            let got: Vec<_> = GAZETTEER.stems_in(t).collect();
            assert_eq!(got, stems_unfiltered(t), "{:04X} in {t}", c as u32);
        });
    }

    /// No division's name begins with a character `may_open_name` turns away.
    #[test]
    fn may_open_name_keeps_every_first_character() {
        let g = &*GAZETTEER;
        let firsts: std::collections::HashSet<char> = g
            .places
            .iter()
            .filter_map(|p| p.full.chars().next())
            .collect();
        crate::text::in_every_bmp_context(&[|c| c.to_string()], |_, c| {
            if firsts.contains(&c) {
                assert!(g.may_open_name(c), "{:04X}", c as u32);
            }
        });
        assert!(!g.may_open_name('a') && !g.may_open_name('的'));
    }

    /// Every stem is found where it stands alone, between other characters,
    /// and run into its neighbours in the table.
    #[test]
    fn filtered_stems_agree_on_every_stem() {
        let g = &*GAZETTEER;
        for (i, p) in g.places.iter().enumerate() {
            let next = g.places[(i + 1) % g.places.len()].full;
            for t in [
                p.stem.to_string(),
                format!("在{}工作", p.stem),
                format!("x{}{next}", p.full),
            ] {
                let got: Vec<_> = g.stems_in(&t).collect();
                assert_eq!(got, stems_unfiltered(&t), "{t}");
            }
        }
    }
}
