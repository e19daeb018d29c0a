//! The review workstation: a thin ratatui layer over the library.
//! (Skeleton: filled by the workstation work.)
