//! The binary: everything is in the library (`berth::main`), so that tests and generators share one definition.

fn main() -> std::process::ExitCode {
    berth::main(std::env::args_os())
}
