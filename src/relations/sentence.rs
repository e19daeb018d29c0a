//! A report's figures grouped into sentences, with the words between them.
//!
//! Only the text between neighbouring figures is looked at, and a gap longer
//! than [`MAX_GAP`] ends a sentence: the cost is bounded by the figures, not by
//! the text. Offsets here are into the folded text (simplified script, ASCII
//! digits), where the finders match their words.

use crate::model::{Figure, FigureKind, Quantity};
use crate::text::{BmpSet, Normalized};

/// Bytes between two figures beyond which they are not in one sentence
/// (about 65 Chinese characters).
pub const MAX_GAP: usize = 200;
/// Bytes looked at before a sentence's first figure, for the words naming it.
const LEAD: usize = 90;

/// One sentence's figures and the folded text around them.
#[derive(Debug)]
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Start of the words before the first figure (a sentence end or [`LEAD`] back).
    pub lead: usize,
    pub figs: Vec<SFig<'a>>,
    /// For each figure, the [`Cue`]s in the words before it (its gap).
    pub cues: Vec<u8>,
}

/// Characters the finders look for, one bit each, noted in the one pass over a
/// gap that looks for a sentence end, so a finder skips a gap without them.
pub struct Cue;

impl Cue {
    /// 其 (其中).
    pub const QI: u8 = 1;
    /// 占.
    pub const ZHAN: u8 = 2;
    /// 比 or 较: a comparison, or 比例/比重.
    pub const BI: u8 = 4;
    /// 共, 合, 总, 累: a total.
    pub const GONG: u8 = 8;
    /// 由 or 从: a growth's start.
    pub const YOU: u8 = 16;
    /// 每: an amount per item.
    pub const MEI: u8 = 32;

    fn of(c: char) -> u8 {
        match c {
            '其' => Cue::QI,
            '占' => Cue::ZHAN,
            '比' | '较' => Cue::BI,
            '共' | '合' | '总' | '累' => Cue::GONG,
            '由' | '从' => Cue::YOU,
            '每' => Cue::MEI,
            _ => 0,
        }
    }
}

/// The characters `cues_of` has anything to do with: those of `Cue::of` and
/// `ends_sentence`. Most characters of a gap are neither; one bitmap test
/// passes them (the two matches asked of each cost 8.3 M of 1,304 M
/// instructions, callgrind). A test holds the set to the two over every BMP
/// character.
static CUE_OR_END: BmpSet = BmpSet::new("其占比较共合总累由从每。！？!?\n\r");

/// The cues of `words`, or `None` if a sentence ends in them.
///
/// Tried and not kept: stepping by lead bytes and decoding only three-byte
/// characters by hand (every character of [`CUE_OR_END`] is ASCII or three
/// bytes long): `find_relations` 18.8 -> 19.6 M on bench-sub (callgrind).
fn cues_of(words: &str) -> Option<u8> {
    let mut m = 0;
    for c in words.chars().filter(|&c| CUE_OR_END.contains(c)) {
        if ends_sentence(c) {
            return None;
        }
        m |= Cue::of(c);
    }
    Some(m)
}

/// A figure of a sentence: its index in the report and its folded span.
#[derive(Debug, Clone, Copy)]
pub struct SFig<'a> {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub fig: &'a Figure,
}

impl SFig<'_> {
    pub fn q(&self) -> &Quantity {
        &self.fig.quantity
    }

    /// A single stated value (not a range, not a placeholder).
    pub fn single(&self) -> bool {
        self.q().value.is_some() && self.q().value_max.is_none()
    }

    /// A count, an amount or a measure that parts and wholes may be made of.
    pub fn amount(&self) -> bool {
        self.single()
            && matches!(
                self.q().kind,
                FigureKind::Count | FigureKind::Money | FigureKind::Measure
            )
            && !self.q().unit.is_empty()
    }

    /// A rate in percent.
    pub fn percent(&self) -> bool {
        self.single() && self.q().kind == FigureKind::Percent && self.q().unit == "%"
    }
}

impl<'a> Sentence<'a> {
    /// Do the words before figure `k` hold any of `cues`?
    pub fn cued(&self, k: usize, cues: u8) -> bool {
        self.cues[k] & cues != 0
    }

    /// The words before figure `k`: from the previous figure, or from the lead.
    pub fn gap(&self, k: usize) -> &'a str {
        let from = if k == 0 {
            self.lead
        } else {
            self.figs[k - 1].end
        };
        self.text.get(from..self.figs[k].start).unwrap_or("")
    }

    /// The words from the end of figure `a` to the start of figure `b` (a < b).
    pub fn between(&self, a: usize, b: usize) -> &'a str {
        self.text
            .get(self.figs[a].end..self.figs[b].start)
            .unwrap_or("")
    }

    /// The words before figure `k` in this sentence, from the lead.
    pub fn before(&self, k: usize) -> &'a str {
        self.text.get(self.lead..self.figs[k].start).unwrap_or("")
    }
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '\r')
}

/// Characters that separate clauses inside a sentence.
pub fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
}

/// Clause separators in `s`.
pub fn clause_breaks(s: &str) -> usize {
    s.chars().filter(|&c| is_clause_sep(c)).count()
}

/// Characters in `s`.
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Two quantities count the same thing the same way: same kind and unit, the
/// people words (人, 名, 位) taken as one.
pub fn same_measure(a: &Quantity, b: &Quantity) -> bool {
    let people = |u: &str| matches!(u, "人" | "名" | "位");
    a.kind == b.kind && (a.unit == b.unit || (people(&a.unit) && people(&b.unit)))
}

/// Group the figures that may relate (dates, times and ordinals stay out, as
/// words of the gaps) into sentences of two figures or more. A sentence is
/// made when a second figure joins its first: most figures stand alone, and
/// the lead, the cues and the vectors of a sentence made for each of them
/// (then dropped) cost 6 M of bench-sub (callgrind).
pub fn sentences<'a>(norm: &'a Normalized, figures: &'a [Figure]) -> Vec<Sentence<'a>> {
    let text = norm.text.as_str();
    let mut out: Vec<Sentence<'a>> = Vec::new();
    // The previous figure, and whether the sentence it ends is in `out`.
    let mut last: Option<(SFig<'a>, bool)> = None;
    for (index, fig) in figures.iter().enumerate() {
        if matches!(
            fig.quantity.kind,
            FigureKind::Date | FigureKind::Time | FigureKind::Ordinal
        ) {
            continue;
        }
        let (start, end) = (norm.to_folded(fig.start), norm.to_folded(fig.end));
        if start > end || text.get(start..end).is_none() {
            continue;
        }
        let f = SFig {
            index,
            start,
            end,
            fig,
        };
        let joined = last.and_then(|(p, _)| {
            let near = p.end <= start && start - p.end <= MAX_GAP;
            near.then(|| cues_of(&text[p.end..start])).flatten()
        });
        match (last, joined, out.last_mut()) {
            (Some((_, true)), Some(cues), Some(s)) => {
                s.figs.push(f);
                s.cues.push(cues);
            }
            (Some((p, _)), Some(cues), _) => {
                let lead = lead_start(text, p.start);
                out.push(Sentence {
                    text,
                    lead,
                    figs: vec![p, f],
                    cues: vec![cues_of(&text[lead..p.start]).unwrap_or(0), cues],
                });
            }
            _ => {}
        }
        last = Some((f, joined.is_some()));
    }
    out
}

/// Where the words before a sentence's first figure begin: after the last
/// sentence end within [`LEAD`] bytes.
fn lead_start(text: &str, at: usize) -> usize {
    let mut from = at.saturating_sub(LEAD);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    match text[from..at].rfind(ends_sentence) {
        Some(i) => from + i + text[from + i..].chars().next().map_or(1, char::len_utf8),
        None => from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grouping as it was: a sentence made for every figure, those of one
    /// figure dropped at the end.
    fn sentences_made_for_every_figure<'a>(
        norm: &'a Normalized,
        figures: &'a [Figure],
    ) -> Vec<Sentence<'a>> {
        let text = norm.text.as_str();
        let mut out: Vec<Sentence<'a>> = Vec::new();
        for (index, fig) in figures.iter().enumerate() {
            if matches!(
                fig.quantity.kind,
                FigureKind::Date | FigureKind::Time | FigureKind::Ordinal
            ) {
                continue;
            }
            let (start, end) = (norm.to_folded(fig.start), norm.to_folded(fig.end));
            if start > end || text.get(start..end).is_none() {
                continue;
            }
            let f = SFig {
                index,
                start,
                end,
                fig,
            };
            let joined = out.last().and_then(|s| s.figs.last()).and_then(|p| {
                let near = p.end <= start && start - p.end <= MAX_GAP;
                near.then(|| cues_of(&text[p.end..start])).flatten()
            });
            match (out.last_mut(), joined) {
                (Some(s), Some(cues)) => {
                    s.figs.push(f);
                    s.cues.push(cues);
                }
                _ => {
                    let lead = lead_start(text, start);
                    out.push(Sentence {
                        text,
                        lead,
                        figs: vec![f],
                        cues: vec![cues_of(&text[lead..start]).unwrap_or(0)],
                    });
                }
            }
        }
        out.retain(|s| s.figs.len() >= 2);
        out
    }

    /// What a test compares of a sentence: its lead, figures (index, start, end) and cues.
    type Shape = (usize, Vec<(usize, usize, usize)>, Vec<u8>);

    fn shape(sentences: &[Sentence]) -> Vec<Shape> {
        sentences
            .iter()
            .map(|s| {
                let figs = s.figs.iter().map(|f| (f.index, f.start, f.end)).collect();
                (s.lead, figs, s.cues.clone())
            })
            .collect()
    }

    #[test]
    fn sentences_are_made_as_when_every_figure_made_one() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) else {
                continue;
            };
            let norm = Normalized::new(&text);
            for report in crate::pipeline::parse_text(&text) {
                let want = sentences_made_for_every_figure(&norm, &report.figures);
                let got = sentences(&norm, &report.figures);
                assert_eq!(shape(&got), shape(&want));
                compared += got.len();
            }
        }
        assert!(compared > 10, "{compared} sentences compared");
    }

    #[test]
    fn cue_or_end_holds_the_characters_of_cues_and_sentence_ends() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let wanted = ends_sentence(c) || Cue::of(c) != 0;
            assert_eq!(CUE_OR_END.contains(c), wanted, "{:04X}", c as u32);
        }
    }
}
