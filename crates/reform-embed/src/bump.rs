//! The drawer's allocator. A drawer draws one view and is then dropped with its page's
//! script, so it never needs memory back: this hands out memory in order and only takes
//! back the last block (which is what a growing string or vector gives back). It is a
//! few hundred bytes of wasm where the standard allocator (dlmalloc) is about seven
//! kilobytes, and what it keeps is at most a few times the data drawn.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32::memory_grow;
use core::cell::Cell;
use core::ptr::null_mut;

/// The size of a wasm memory page.
const PAGE: usize = 65_536;
/// The least memory asked of the browser at once, in pages (1 MiB).
const GROWTH_PAGES: usize = 16;

/// Memory handed out from `next` up to `end`, then more from the browser.
pub struct Bump {
    /// The first free byte.
    next: Cell<usize>,
    /// The end of the memory this holds.
    end: Cell<usize>,
}

// The drawer's wasm has one thread.
unsafe impl Sync for Bump {}

impl Bump {
    /// An allocator holding no memory yet.
    pub const fn new() -> Bump {
        Bump {
            next: Cell::new(0),
            end: Cell::new(0),
        }
    }

    /// Where a block of `layout` would start and end, from `next`.
    fn place(&self, layout: Layout) -> Option<(usize, usize)> {
        let start = self.next.get().checked_add(layout.align() - 1)? & !(layout.align() - 1);
        Some((start, start.checked_add(layout.size())?))
    }

    /// Asks the browser for memory enough for `layout` wherever it comes.
    fn grow(&self, layout: Layout) -> bool {
        let wanted = layout.size().saturating_add(layout.align()).div_ceil(PAGE);
        let pages = wanted.max(GROWTH_PAGES);
        let first_page = memory_grow(0, pages);
        if first_page == usize::MAX {
            return false;
        }
        // Memory grown by another (none does, today) is not ours: start past it.
        if first_page * PAGE != self.end.get() {
            self.next.set(first_page * PAGE);
        }
        // At 4 GiB, the end is one past the last address: keep the last byte unused.
        self.end.set((first_page + pages).saturating_mul(PAGE));
        true
    }
}

unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut placed = self.place(layout);
        if placed.is_none_or(|(_, end)| end > self.end.get()) {
            if !self.grow(layout) {
                return null_mut();
            }
            placed = self.place(layout);
        }
        match placed {
            Some((start, end)) => {
                self.next.set(end);
                start as *mut u8
            }
            None => null_mut(),
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // Only the last block can be taken back.
        if block as usize + layout.size() == self.next.get() {
            self.next.set(block as usize);
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The last block grows or shrinks where it is, if the memory held allows.
        let start = block as usize;
        let end = start.checked_add(new_size);
        if start + layout.size() == self.next.get() && end.is_some_and(|end| end <= self.end.get())
        {
            self.next.set(start + new_size);
            return block;
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        let moved = self.alloc(new_layout);
        if !moved.is_null() {
            core::ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
        }
        moved
    }
}
