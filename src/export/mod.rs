//! Export of reviewed figures (CSV, JSONL, JSON) and corpus statistics.
//! (Skeleton: filled by the store and export work.)
