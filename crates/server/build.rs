//! Rebuilds the server when the committed console bundle (console/dist, embedded by
//! `routes::console`) changes: `include_dir!` alone does not tell Cargo which files it read.

fn main() {
    println!("cargo:rerun-if-changed=../../console/dist");
}
