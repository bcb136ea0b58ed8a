fn main() -> std::process::ExitCode {
    berth::main(std::env::args_os())
}
