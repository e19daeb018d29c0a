//! The edits on a report as a whole: its fields (title, year, org, level,
//! place), "not a report", its note, done.

use crate::model::OrgLevel;

use super::super::{ReportFields, ReportStatus};
use super::corpus::{Change, Corpus};
use super::edit::Window;

/// The levels a reviewer may give, as the guide lists them (§1).
pub const LEVELS: &[OrgLevel] = &[
    OrgLevel::Village,
    OrgLevel::Community,
    OrgLevel::Town,
    OrgLevel::County,
    OrgLevel::District,
    OrgLevel::Banner,
    OrgLevel::City,
    OrgLevel::Province,
    OrgLevel::National,
];

/// A level's name as the store and the guide write it.
pub fn level_name(l: OrgLevel) -> &'static str {
    match l {
        OrgLevel::Village => "village",
        OrgLevel::Community => "community",
        OrgLevel::Town => "town",
        OrgLevel::County => "county",
        OrgLevel::District => "district",
        OrgLevel::Banner => "banner",
        OrgLevel::City => "city",
        OrgLevel::Province => "province",
        OrgLevel::National => "national",
    }
}

/// Values typed for a report's fields, each checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldInput {
    pub title: String,
    pub year: String,
    pub org: String,
    pub org_level: String,
    pub place: String,
}

/// The year as typed: a number, or empty for none.
pub fn parse_year(s: &str) -> Result<Option<i32>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i32>() {
        Ok(y) if (1000..=2999).contains(&y) => Ok(Some(y)),
        _ => Err(format!("year {s:?}: a year such as 2014, or empty")),
    }
}

/// The level as typed: one of [`LEVELS`] (a unique prefix will do), or empty.
pub fn parse_level(s: &str) -> Result<Option<OrgLevel>, String> {
    let s = s.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Ok(None);
    }
    let hits: Vec<OrgLevel> = LEVELS
        .iter()
        .copied()
        .filter(|l| level_name(*l).starts_with(&s))
        .collect();
    match hits.as_slice() {
        [one] => Ok(Some(*one)),
        _ => Err(format!(
            "level {s:?}: one of {}, or empty",
            LEVELS
                .iter()
                .map(|l| level_name(*l))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl Corpus {
    /// Set report `ei`'s fields from typed values: a value equal to what the
    /// parser read is no correction; checked values only (year, level).
    pub fn set_fields(&mut self, ei: usize, input: &FieldInput) -> Result<Option<Change>, String> {
        let s = self.shown(ei).ok_or("no such report")?;
        let r = &s.report;
        let year = parse_year(&input.year)?;
        let level = parse_level(&input.org_level)?;
        let title = input.title.trim().to_string();
        let org = opt(&input.org);
        let place = opt(&input.place);
        let mut fields = ReportFields {
            extra: s.review.fields.extra.clone(),
            ..Default::default()
        };
        fields.title = (title != r.title.trim()).then_some(title);
        fields.year = (year != r.year).then_some(year);
        fields.org = (org != r.org).then_some(org);
        fields.org_level = (level != r.org_level).then_some(level);
        fields.place = (place != r.place).then_some(place);
        let n = s.review.figures.len();
        Ok(self.edit(ei, Some(Window::report_only(n)), |rv, _, _| {
            rv.fields = fields
        }))
    }

    /// Mark report `ei` as not a report, or as a report again.
    pub fn toggle_not_a_report(&mut self, ei: usize) -> Option<Change> {
        let n = self.session(ei)?.review.figures.len();
        self.edit(ei, Some(Window::report_only(n)), |rv, _, _| {
            rv.not_a_report = !rv.not_a_report
        })
    }

    /// Write (or clear, with `None`) report `ei`'s note.
    pub fn set_report_note(&mut self, ei: usize, note: Option<String>) -> Option<Change> {
        let n = self.session(ei)?.review.figures.len();
        self.edit(ei, Some(Window::report_only(n)), |rv, _, _| rv.note = note)
    }

    /// Mark report `ei` done, or in progress again.
    pub fn toggle_done(&mut self, ei: usize) -> Option<Change> {
        let n = self.session(ei)?.review.figures.len();
        self.edit(ei, Some(Window::report_only(n)), |rv, _, _| {
            rv.status = if rv.status == ReportStatus::Done {
                ReportStatus::InProgress
            } else {
                ReportStatus::Done
            };
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_levels_are_checked() {
        for (s, want) in [
            ("2014", Ok(Some(2014))),
            ("", Ok(None)),
            (" 1999 ", Ok(Some(1999))),
        ] {
            assert_eq!(parse_year(s), want, "{s}");
        }
        for s in ["20xx", "14", "二〇一四"] {
            assert!(parse_year(s).is_err(), "{s}");
        }
        assert_eq!(parse_level("county"), Ok(Some(OrgLevel::County)));
        assert_eq!(parse_level("prov"), Ok(Some(OrgLevel::Province)));
        assert_eq!(parse_level(""), Ok(None));
        assert!(
            parse_level("c").is_err(),
            "county, community, city: ambiguous"
        );
        assert!(parse_level("县").is_err());
    }
}
