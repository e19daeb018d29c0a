//! Plain data shared by every part of zongjie: what a parse produces.
//!
//! Every span is a UTF-8 byte range `start..end` into the file's decoded
//! text with a leading BOM removed and line endings as in the file
//! (annotation guide, preamble). The field names are the `parse` JSON contract.

use serde::{Deserialize, Serialize, Serializer};

pub use crate::relations::Relation;

/// One input file after decoding and parsing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ParsedFile {
    /// The path as the user gave it (or `-` for stdin).
    pub file: String,
    /// The encoding the bytes were decoded from (`UTF-8`, `GB18030`, `UTF-16LE`, …).
    pub encoding: String,
    pub reports: Vec<Report>,
}

/// One report inside a page (guide §1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Report {
    /// Stable id: a hash of the title and the opening of the body, so it
    /// survives re-parses and edits elsewhere in the file.
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub title: String,
    /// The year the report covers; `None` where the text has a placeholder (xx年).
    pub year: Option<i32>,
    pub org: Option<String>,
    pub org_level: Option<OrgLevel>,
    pub place: Option<String>,
    /// The site the page was scraped from, read from its chrome (来源:…).
    pub source: Option<String>,
    /// Publication date from the page chrome, `YYYY-MM-DD` where it can be read.
    pub published: Option<String>,
    pub sections: Vec<Section>,
    pub figures: Vec<Figure>,
    /// Figures that check each other (shares, parts, totals, growth,
    /// products), each with its recomputation; see docs/relations.md.
    #[serde(default)]
    pub relations: Vec<Relation>,
    pub warnings: Vec<Warning>,
    /// Lines inside the report's range that were stripped as web chrome (a share
    /// bar, a pager): kept for the workstation to show dimmed, not in the JSON.
    #[serde(skip)]
    pub chrome: Vec<std::ops::Range<usize>>,
}

/// Administrative level of the reporting body (guide §1).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum OrgLevel {
    Village,
    Community,
    Town,
    County,
    District,
    Banner,
    City,
    Province,
    National,
}

/// One heading of the report's outline (guide §2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Section {
    /// Local to its report: `s1`, `s2`, … in document order.
    pub id: String,
    /// The marker's first byte, or the title's for an unnumbered heading.
    pub start: usize,
    /// End of the section's body (start of the next heading at the same or a higher level, or report end).
    pub end: usize,
    /// Depth in this report's outline, 1 for the outermost.
    pub level: u8,
    /// The marker as written (`一、`, `（二）`, `1.`, `一是`), empty for an unnumbered heading.
    pub marker: String,
    /// The integer the marker stands for, `None` if it has none.
    pub number: Option<u32>,
    pub title: String,
    /// The enclosing section's id, `None` at level 1.
    pub parent: Option<String>,
    /// What a level-1 section is about; `None` below level 1.
    pub kind: Option<SectionKind>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Work,
    Problems,
    Plans,
    Other,
}

impl SectionKind {
    /// The name the JSON writes (`parse_json` writes it without serde).
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Work => "work",
            SectionKind::Problems => "problems",
            SectionKind::Plans => "plans",
            SectionKind::Other => "other",
        }
    }
}

/// A value read from a quantity expression: the part of a figure a reviewer
/// can correct, and what `zongjie figure` prints.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Quantity {
    #[serde(serialize_with = "ser_opt_number")]
    pub value: Option<f64>,
    #[serde(serialize_with = "ser_opt_number")]
    pub value_max: Option<f64>,
    /// Simplified script, without multiplier (`萬元` → `元`); empty when the text leaves it out.
    pub unit: String,
    pub kind: FigureKind,
    pub approx: Option<Approx>,
}

/// One stated quantity (guide §3).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Figure {
    /// Local to its report: `f1`, `f2`, … in document order.
    pub id: String,
    pub start: usize,
    pub end: usize,
    /// The surface text, `text == file_text[start..end]`.
    pub text: String,
    #[serde(flatten)]
    pub quantity: Quantity,
    /// What the figure counts, in simplified script (培训1800多名妇女 → 培训妇女; guide §5).
    pub subject: Option<String>,
    /// Byte ranges of the words the subject was taken from, in reading order, so
    /// the workstation can highlight them (they may stand apart: 培训 … 妇女).
    #[serde(default)]
    pub subject_spans: Vec<(usize, usize)>,
    /// Id of the innermost section holding the figure.
    pub section: Option<String>,
    pub flags: Vec<Flag>,
}

#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default, PartialOrd, Ord,
)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    #[default]
    Count,
    Money,
    Percent,
    Measure,
    Age,
    /// Set aside by the scorer: shown to reviewers, never a scored figure.
    Date,
    Time,
    Duration,
    Ordinal,
}

impl FigureKind {
    /// The five kinds that are figures proper; the others are context a reviewer may want.
    pub fn is_figure(self) -> bool {
        matches!(
            self,
            FigureKind::Count
                | FigureKind::Money
                | FigureKind::Percent
                | FigureKind::Measure
                | FigureKind::Age
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Measure => "measure",
            FigureKind::Age => "age",
            FigureKind::Date => "date",
            FigureKind::Time => "time",
            FigureKind::Duration => "duration",
            FigureKind::Ordinal => "ordinal",
        }
    }
}

/// Qualifier of a figure: 多/余/以上 = over, 近/约/左右 = about, 不足/以下 = under.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    Over,
    About,
    Under,
}

impl Approx {
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Over => "over",
            Approx::About => "about",
            Approx::Under => "under",
        }
    }
}

/// Something a reviewer must see about one figure (guide §4).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    Placeholder,
    MissingNumber,
    Magnitude,
    #[serde(rename = "over-100-percent")]
    Over100Percent,
    RunTogetherDate,
    Conflict,
}

impl Flag {
    pub const ALL: [Flag; 6] = [
        Flag::Placeholder,
        Flag::MissingNumber,
        Flag::Magnitude,
        Flag::Over100Percent,
        Flag::RunTogetherDate,
        Flag::Conflict,
    ];

    /// Why a figure carries the flag, for a person (the workstation's detail and help).
    pub fn reason(self) -> &'static str {
        match self {
            Flag::Placeholder => "a placeholder stands where the number should be",
            Flag::MissingNumber => "a count word with no number",
            Flag::Magnitude => {
                "out of scale for such a body: a slip of the keyboard or a wrong unit?"
            }
            Flag::Over100Percent => "a rate over 100% that is not a growth or completion rate",
            Flag::RunTogetherDate => "year and month written as one number",
            Flag::Conflict => {
                "the same measure is stated elsewhere in the report with another value"
            }
        }
    }

    /// The report warning that says the same of the figure's place, if one does.
    pub fn warning(self) -> Option<WarningCode> {
        match self {
            Flag::Placeholder => Some(WarningCode::Placeholder),
            Flag::MissingNumber => Some(WarningCode::MissingNumber),
            Flag::RunTogetherDate => Some(WarningCode::RunTogetherDate),
            Flag::Conflict => Some(WarningCode::Conflict),
            Flag::Magnitude | Flag::Over100Percent => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Placeholder => "placeholder",
            Flag::MissingNumber => "missing-number",
            Flag::Magnitude => "magnitude",
            Flag::Over100Percent => "over-100-percent",
            Flag::RunTogetherDate => "run-together-date",
            Flag::Conflict => "conflict",
        }
    }
}

/// What a report warning is about: the stable kebab-case code that filters and
/// stats group by (guide §4).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    /// A placeholder (xx, __, ××) where a number should be.
    Placeholder,
    /// A count word with no number (培训女工余名).
    MissingNumber,
    /// Year and month written as one number (截止20146月).
    RunTogetherDate,
    /// The same measure stated with different values.
    Conflict,
    /// Outline numbering skips (一、 二、 四、).
    SkippedNumber,
    /// Outline numbering repeats.
    RepeatedNumber,
    /// A heading printed twice in a row.
    DuplicateHeading,
    /// Figures that should agree do not (a share, a total, a growth, a product).
    Inconsistent,
}

impl WarningCode {
    pub const ALL: [WarningCode; 8] = [
        WarningCode::Placeholder,
        WarningCode::MissingNumber,
        WarningCode::RunTogetherDate,
        WarningCode::Conflict,
        WarningCode::SkippedNumber,
        WarningCode::RepeatedNumber,
        WarningCode::DuplicateHeading,
        WarningCode::Inconsistent,
    ];

    /// What the warning means, for a person (the workstation's help).
    pub fn reason(self) -> &'static str {
        match self {
            WarningCode::Placeholder => "a placeholder (xx, __, **, ○○) where a number should be",
            WarningCode::MissingNumber => "a count word with no number (培训女工余名)",
            WarningCode::RunTogetherDate => "year and month written as one number (20146月)",
            WarningCode::Conflict => "one measure stated with different values in the report",
            WarningCode::SkippedNumber => "the outline's numbering skips (一、 二、 四、)",
            WarningCode::RepeatedNumber => "the outline's numbering repeats",
            WarningCode::DuplicateHeading => "a heading printed twice in a row",
            WarningCode::Inconsistent => {
                "figures that should agree do not: a share, a total, a growth or a product recomputed"
            }
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::Placeholder => "placeholder",
            WarningCode::MissingNumber => "missing-number",
            WarningCode::RunTogetherDate => "run-together-date",
            WarningCode::Conflict => "conflict",
            WarningCode::SkippedNumber => "skipped-number",
            WarningCode::RepeatedNumber => "repeated-number",
            WarningCode::DuplicateHeading => "duplicate-heading",
            WarningCode::Inconsistent => "inconsistent",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding on a report: numbering gaps, placeholders with no number, … .
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Warning {
    pub code: WarningCode,
    /// A sentence for a person.
    pub message: String,
    /// Where it is, when it has a place.
    pub start: Option<usize>,
    pub end: Option<usize>,
}

impl Warning {
    pub fn at(code: WarningCode, message: impl Into<String>, start: usize, end: usize) -> Self {
        Warning {
            code,
            message: message.into(),
            start: Some(start),
            end: Some(end),
        }
    }
}

/// Whole numbers print without a fraction (`160000`, not `160000.0`), so
/// exports read naturally; other values print as they are.
pub(crate) fn ser_opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => {
            s.serialize_i64(*x as i64)
        }
        Some(x) if x.is_finite() => s.serialize_f64(*x),
        Some(_) => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_serialises_flat_with_whole_numbers() {
        let f = Figure {
            id: "f1".into(),
            start: 3,
            end: 11,
            text: "16萬元".into(),
            quantity: Quantity {
                value: Some(160000.0),
                value_max: None,
                unit: "元".into(),
                kind: FigureKind::Money,
                approx: None,
            },
            ..Default::default()
        };
        let j = serde_json::to_string(&f).unwrap();
        assert!(j.contains(r#""value":160000,"#), "{j}");
        assert!(j.contains(r#""kind":"money""#), "{j}");
        assert_eq!(
            serde_json::to_string(&Flag::Over100Percent).unwrap(),
            format!("\"{}\"", Flag::Over100Percent.as_str())
        );
        for c in [WarningCode::SkippedNumber, WarningCode::RunTogetherDate] {
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{c}\""));
        }
        let back: Figure = serde_json::from_str(&j).unwrap();
        assert_eq!(back, f);
    }
}
