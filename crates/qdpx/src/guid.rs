//! Deterministic GUIDs, so that re-exporting the same coding gives the same document and
//! archives diff cleanly.
//!
//! Every GUID is a name-based UUID (version 5, SHA-1) written lower-case as
//! 8-4-4-4-12 hex digits, the form QDA-XML's `GUIDType` pattern accepts:
//!
//! | object | namespace | name |
//! |---|---|---|
//! | the user | [`NAMESPACE`] | `user:tally` |
//! | a code | [`NAMESPACE`] | `code:<code id>` |
//! | a variable | [`NAMESPACE`] | `variable:<variable name>` |
//! | a source | [`NAMESPACE`] | `source:<source id>` |
//! | a selection | its source's GUID | `selection:<code id>:<start byte>:<end byte>` |
//! | its coding | its source's GUID | `coding:<code id>:<start byte>:<end byte>` |
//!
//! Selections are named inside their source's GUID rather than by joining the source id
//! and code id, because ids may contain `:` ("R0123:Q4") and a joined name would be
//! ambiguous; the two numbers at the end of the name cannot be confused with the code id.
//! The byte offsets are the input's, so a selection's GUID does not depend on how
//! positions are counted.

use uuid::Uuid;

/// tally's namespace for QDA-XML GUIDs: the version 5 UUID of the URL namespace and
/// `urn:tally:qdpx`.
pub(crate) const NAMESPACE: Uuid = Uuid::from_u128(0x4cf2_5647_08f1_5404_ac65_306b_24df_b793);

/// The GUID of tally as the user who made every coding.
pub(crate) fn user() -> Uuid {
    Uuid::new_v5(&NAMESPACE, b"user:tally")
}

/// The GUID of the code with this id.
pub(crate) fn code(id: &str) -> Uuid {
    named(&NAMESPACE, "code", id)
}

/// The GUID of the variable with this name.
pub(crate) fn variable(name: &str) -> Uuid {
    named(&NAMESPACE, "variable", name)
}

/// The GUID of the source with this id.
pub(crate) fn source(id: &str) -> Uuid {
    named(&NAMESPACE, "source", id)
}

/// The GUID of a selection of `source` (the source's GUID).
pub(crate) fn selection(source: &Uuid, code_id: &str, start: usize, end: usize) -> Uuid {
    named(source, "selection", &format!("{code_id}:{start}:{end}"))
}

/// The GUID of the coding of a selection of `source` (the source's GUID).
pub(crate) fn coding(source: &Uuid, code_id: &str, start: usize, end: usize) -> Uuid {
    named(source, "coding", &format!("{code_id}:{start}:{end}"))
}

fn named(namespace: &Uuid, kind: &str, id: &str) -> Uuid {
    Uuid::new_v5(namespace, format!("{kind}:{id}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_is_derived_as_documented() {
        assert_eq!(
            NAMESPACE,
            Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:tally:qdpx")
        );
    }

    #[test]
    fn guids_are_stable() {
        // Pinned (computed independently): changing the derivation changes every exported
        // GUID, and re-exports would no longer diff cleanly.
        let src = source("R0123:Q4");
        let pinned = [
            (user(), "1cf968c5-9add-5a0e-a06b-ab4436b387fc"),
            (code("cost"), "6309bb24-6717-5e49-b88f-b816ab726575"),
            (src, "399b4966-e80b-5dbf-948c-f09f689bdd83"),
            (variable("question"), "de103424-76fe-52e8-8e4f-c7161cdccd59"),
            (
                selection(&src, "cost", 6, 12),
                "c522450e-e979-53d8-b1f6-db63c9207118",
            ),
        ];
        for (guid, expected) in pinned {
            assert_eq!(guid.to_string(), expected);
        }
    }

    #[test]
    fn ids_with_colons_do_not_collide() {
        // Joined as "selection:<source>:<code>:…" both would read "selection:a:b:c:1:2".
        let one = selection(&source("a:b"), "c", 1, 2);
        let other = selection(&source("a"), "b:c", 1, 2);
        assert_ne!(one, other);
        assert_ne!(
            selection(&source("a"), "c", 1, 2),
            coding(&source("a"), "c", 1, 2)
        );
        assert_ne!(code("x"), source("x"));
    }
}
