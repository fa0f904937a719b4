//! The built-in pack, compiled into the binary so a fresh machine needs no files.

use std::path::Path;

use anyhow::Context as _;
use readout_core::pack::Pack;

/// The files of `packs/dprk-russia/`. A test checks that none is missing.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "packs/dprk-russia/pack.toml",
        include_str!("../../../packs/dprk-russia/pack.toml"),
    ),
    (
        "packs/dprk-russia/countries.toml",
        include_str!("../../../packs/dprk-russia/countries.toml"),
    ),
    (
        "packs/dprk-russia/outlets.toml",
        include_str!("../../../packs/dprk-russia/outlets.toml"),
    ),
    (
        "packs/dprk-russia/names.toml",
        include_str!("../../../packs/dprk-russia/names.toml"),
    ),
    (
        "packs/dprk-russia/agenda.toml",
        include_str!("../../../packs/dprk-russia/agenda.toml"),
    ),
    (
        "packs/dprk-russia/organizations.toml",
        include_str!("../../../packs/dprk-russia/organizations.toml"),
    ),
    (
        "packs/dprk-russia/roles.toml",
        include_str!("../../../packs/dprk-russia/roles.toml"),
    ),
    (
        "packs/dprk-russia/people.toml",
        include_str!("../../../packs/dprk-russia/people.toml"),
    ),
    (
        "packs/dprk-russia/meetings.toml",
        include_str!("../../../packs/dprk-russia/meetings.toml"),
    ),
    (
        "packs/dprk-russia/events.toml",
        include_str!("../../../packs/dprk-russia/events.toml"),
    ),
    (
        "packs/dprk-russia/formulations.toml",
        include_str!("../../../packs/dprk-russia/formulations.toml"),
    ),
    (
        "packs/dprk-russia/treaty.toml",
        include_str!("../../../packs/dprk-russia/treaty.toml"),
    ),
];

/// Loads the pack folder given, or the built-in pack.
pub fn load(dir: Option<&Path>) -> anyhow::Result<Pack> {
    match dir {
        Some(dir) => readout_ingest::load_pack(dir)
            .with_context(|| format!("cannot load the pack in {}", dir.display())),
        None => Pack::parse(BUILTIN).context("the built-in pack is invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_embeds_every_file_of_the_folder_and_is_valid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs/dprk-russia");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| format!("packs/dprk-russia/{n}"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
        let pack = load(None).unwrap();
        assert_eq!(
            pack.outlet("Korean Central News Agency").unwrap().name,
            "KCNA"
        );
    }
}
