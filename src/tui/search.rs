//! Search over report texts, folded (full-width → ASCII, traditional → simplified,
//! ASCII case ignored) so 妇联 also finds 婦聯. It runs on its own thread: a search of
//! a large corpus never holds up a key press.

use crate::review::session::TextSource;
use crate::text::{Normalized, fold_str};

/// One hit: (entry, byte offset in the file text, byte length).
pub type Hit = (usize, usize, usize);

/// Stop collecting after this many hits.
pub const MAX_HITS: usize = 100_000;

/// What to search: a query and the files to search it in.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Answers to an older request are dropped.
    pub id: u64,
    pub query: String,
    pub files: Vec<SearchFile>,
}

/// One file to search: where its text is (shared, or read again from disk on
/// the search's thread, one file at a time) and its reports' (entry, start, end).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchFile {
    pub file: usize,
    pub text: TextSource,
    pub reports: Vec<(usize, usize, usize)>,
}

/// Every hit of the request's query, in report order.
pub fn run(req: &SearchRequest) -> Vec<Hit> {
    let needle = fold_str(req.query.trim()).to_ascii_lowercase();
    let mut hits = Vec::new();
    if needle.is_empty() {
        return hits;
    }
    for f in &req.files {
        // A file changed on disk since loading has no hits: its offsets are stale.
        let Ok(text) = f.text.text() else {
            continue;
        };
        if search_file(&needle, &text, &f.reports, &mut hits) {
            break;
        }
    }
    hits
}

/// The hits in one file's reports, added to `hits`; whether the cap was reached.
fn search_file(
    needle: &str,
    text: &str,
    reports: &[(usize, usize, usize)],
    hits: &mut Vec<Hit>,
) -> bool {
    for (ei, start, end) in reports {
        let Some(body) = text.get(*start..*end) else {
            continue;
        };
        let norm = Normalized::new(body);
        let hay = norm.text.to_ascii_lowercase();
        for (i, m) in hay.match_indices(needle) {
            let s = norm.to_orig(i);
            let e = norm.to_orig(i + m.len());
            hits.push((*ei, start + s, e - s));
            if hits.len() >= MAX_HITS {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn folded_search_maps_hits_back_to_the_original() {
        let text: Arc<str> = Arc::from("前言\n縣婦聯ＡＢＣ工作，县妇联abc");
        let req = SearchRequest {
            id: 1,
            query: "妇联abc".into(),
            files: vec![SearchFile {
                file: 0,
                text: TextSource::Held(text.clone()),
                reports: vec![(7, 0, text.len())],
            }],
        };
        let hits = run(&req);
        assert_eq!(hits.len(), 2);
        let (_, s, l) = hits[0];
        assert_eq!(&text[s..s + l], "婦聯ＡＢＣ");
        let (e, s, l) = hits[1];
        assert_eq!(e, 7);
        assert_eq!(&text[s..s + l], "妇联abc");
    }
}
