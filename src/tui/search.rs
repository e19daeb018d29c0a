//! Search over report texts, folded (full-width → ASCII, traditional → simplified,
//! ASCII case ignored) so 妇联 also finds 婦聯. It runs on its own thread: a search of
//! a large corpus never holds up a key press.

use std::sync::Arc;

use crate::text::{Normalized, fold_str};

/// One hit: (entry, byte offset in the file text, byte length).
pub type Hit = (usize, usize, usize);

/// Stop collecting after this many hits.
pub const MAX_HITS: usize = 100_000;

/// What to search: a query and, per report, its file text and range (shared, not copied).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Answers to an older request are dropped.
    pub id: u64,
    pub query: String,
    pub targets: Vec<(usize, Arc<str>, usize, usize)>,
}

/// Every hit of the request's query, in report order.
pub fn run(req: &SearchRequest) -> Vec<Hit> {
    let needle = fold_str(req.query.trim()).to_ascii_lowercase();
    let mut hits = Vec::new();
    if needle.is_empty() {
        return hits;
    }
    for (ei, text, start, end) in &req.targets {
        let Some(body) = text.get(*start..*end) else {
            continue;
        };
        let norm = Normalized::new(body);
        let hay = norm.text.to_ascii_lowercase();
        for (i, m) in hay.match_indices(needle.as_str()) {
            let s = norm.to_orig(i);
            let e = norm.to_orig(i + m.len());
            hits.push((*ei, start + s, e - s));
            if hits.len() >= MAX_HITS {
                return hits;
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_search_maps_hits_back_to_the_original() {
        let text: Arc<str> = Arc::from("前言\n縣婦聯ＡＢＣ工作，县妇联abc");
        let req = SearchRequest {
            id: 1,
            query: "妇联abc".into(),
            targets: vec![(7, text.clone(), 0, text.len())],
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
