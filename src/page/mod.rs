//! A scraped page into its reports: web chrome out (its metadata kept), one
//! report per title (guide §1).

use std::ops::Range;

use crate::model::Report;
use crate::text::{Normalized, split_lines};

/// One report found on a page, with the byte ranges of its body lines
/// (title lines and chrome left out) for the outline and figure parsers.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReport {
    pub report: Report,
    pub body: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub reports: Vec<PageReport>,
}

/// Split a page into reports. (First cut: one report per page.)
pub fn split_page(text: &str, norm: &Normalized) -> Page {
    let lines = split_lines(text);
    let mut body = Vec::new();
    let mut title: Option<Range<usize>> = None;
    for l in &lines {
        let t = l.text(&norm.text);
        if t.trim().is_empty() {
            continue;
        }
        if title.is_none() {
            title = Some(l.start..l.end);
            continue;
        }
        body.push(l.start..l.end);
    }
    let Some(title) = title else {
        return Page::default();
    };
    let end = body.last().map_or(title.end, |r| r.end);
    let report = Report {
        id: "r1".into(),
        start: title.start,
        end,
        title: text[title.clone()].trim().to_string(),
        ..Default::default()
    };
    Page {
        reports: vec![PageReport { report, body }],
    }
}
