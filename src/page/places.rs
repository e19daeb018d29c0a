//! A gazetteer of China's province-, prefecture- and county-level divisions,
//! to recognise the place a report speaks for when it names it without a
//! suffix (禅城妇女 → 禅城). Names from the adcodes table of the `cpca` package
//! (MIT licence, © 2018 QinYuan Du), reduced to name and level.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::model::OrgLevel;

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

pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Matches every stem; pattern `i` is `places[i].stem`.
    pub stems: AhoCorasick,
    /// Index into `places` by full name.
    by_full: HashMap<&'static str, usize>,
    /// For a stem two divisions share (衡阳县, 衡阳市), every place holding it;
    /// the automaton reports the first.
    shared_stems: HashMap<&'static str, Vec<usize>>,
}

impl Gazetteer {
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
    let places: Vec<Place> = include_str!("places.tsv")
        .lines()
        .filter_map(|l| {
            let (full, level) = l.split_once('\t')?;
            let level = match level {
                "province" => OrgLevel::Province,
                "city" => OrgLevel::City,
                "district" => OrgLevel::District,
                "banner" => OrgLevel::Banner,
                _ => OrgLevel::County,
            };
            let stem = SUFFIXES
                .iter()
                .find_map(|s| full.strip_suffix(s).filter(|st| st.chars().count() >= 2))
                .unwrap_or(full);
            Some(Place { full, stem, level })
        })
        .collect();
    // A DFA: about 10 ms to build, once, and half the instructions of the
    // default NFA per byte searched (callgrind), which over a corpus wins.
    let stems = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(places.iter().map(|p| p.stem))
        .expect("gazetteer stems build an automaton");
    let by_full = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.full, i))
        .collect();
    let mut shared_stems: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (i, p) in places.iter().enumerate() {
        shared_stems.entry(p.stem).or_default().push(i);
    }
    shared_stems.retain(|_, v| v.len() > 1);
    Gazetteer {
        places,
        stems,
        by_full,
        shared_stems,
    }
});

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
        let m = g.stems.find("衡阳市").unwrap();
        let i = g.place_at(m.pattern().as_usize(), "市委");
        assert_eq!(g.places[i].full, "衡阳市");
        let i = g.place_at(m.pattern().as_usize(), "县委");
        assert_eq!(g.places[i].full, "衡阳县");
    }
}
