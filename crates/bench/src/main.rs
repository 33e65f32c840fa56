//! `basma-bench`: the seeder and load driver of SPEC §9. Not built yet (the performance
//! issue); it says so and fails, so `just bench` never reports figures it did not measure.

fn main() -> std::process::ExitCode {
    eprintln!("basma-bench is not built yet: see the performance issue");
    std::process::ExitCode::from(2)
}
