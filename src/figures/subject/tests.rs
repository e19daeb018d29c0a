use super::*;

#[test]
fn ends_with_compares_the_characters_before_a_place() {
    let cs: Vec<char> = "价值5万元增加到".chars().collect();
    for (i, s, want) in [
        (2, &['价', '值'][..], true),
        (2, &['值'][..], true),
        (1, &['价', '值'][..], false),
        (0, &['价'][..], false),
        (0, &[][..], true),
        (8, &['到'][..], true),
        (8, &['至'][..], false),
        (9, &['到'][..], false),
        (3, &['5'][..], true),
        (3, &['５'][..], false),
    ] {
        assert_eq!(ends_with(&cs, i, s), want, "{i} {s:?}");
    }
}
