fn main() {
    std::process::exit(rwa_gate_cli::run());
}
