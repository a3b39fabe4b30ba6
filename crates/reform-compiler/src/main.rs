//! `reform-portal`: compile the seeds into the portal's data bundle. See `reform-portal --help`.

use std::process::ExitCode;

/// The compiler makes and drops millions of small strings: with mimalloc it takes about a
/// fifth less time than with glibc's allocator, and a sixth less peak memory (`make
/// bench`, `compiler.*`; 1,000 synthetic documents 205 ms against 256, national corpus
/// 265 MB against 315).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tune_allocator();
    reform_compiler::cli::process_ends_after_run();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match reform_compiler::cli::run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// Tunes memory for a compiler that makes and frees millions of small strings; each step
/// measured on this compiler (`make bench`, `compiler.*`).
/// - Freed memory goes back to the system after 30 ms rather than mimalloc's default of a
///   second: with the default the compiler's peak memory is a quarter above glibc's. The
///   items are decoded a document at a time several times over, and given back after
///   10 ms, each time taken again: a quarter more time (1,000 synthetic documents: 261 ms
///   against 205) for a twentieth less peak memory.
/// - No transparent huge pages: mimalloc asks for them, and then every page fault zeroes
///   2 MB, again for memory given back and taken again. Without them 1,000 synthetic
///   documents peak at 98 MB instead of 115 in the same time, and the national corpus
///   spends a fifth less system time (medians of 3: 18.8 s against 21.3; 34.3 s wall
///   against 35.9). mimalloc's own option for this would come too late: its first arena
///   is mapped before `main`.
fn tune_allocator() {
    // `mi_option_purge_delay` of the mimalloc sources libmimalloc-sys 0.1.49 builds (v3,
    // pinned in Cargo.toml): its option list has no Rust name for it.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is a plain call taking two integers; mimalloc reads its
    // options whenever it next needs them.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 30) }
    // SAFETY: a plain system call taking integers; it changes how the kernel backs this
    // process's memory, not the memory's contents. A kernel without it refuses, harmlessly.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
