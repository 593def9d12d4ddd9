//! Which files the paths on the command line name, and reading all of them on every core.

use std::path::{Path, PathBuf};

use super::{Inputs, Options, parallel, read_file, workstation};

/// Lists the files under `paths` (folders recursed, sorted; hidden files and `README*` notes in
/// folders passed over), each with the tenant it belongs to and whether it was named explicitly.
pub fn expand(paths: &[PathBuf], tenant: Option<&str>) -> Result<Vec<(PathBuf, String, bool)>, String> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = fs_err::metadata(path).map_err(|e| e.to_string())?;
        if metadata.is_dir() && workstation::lgs::is_tree_root(path) {
            files.push((path.clone(), tenant.unwrap_or("default").to_owned(), true));
        } else if metadata.is_dir() {
            let folder_tenant = tenant.map_or_else(|| folder_name(path), str::to_owned);
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|e| e.to_string())?;
            found.sort();
            files.extend(found.into_iter().map(|f| (f, folder_tenant.clone(), false)));
        } else {
            files.push((path.clone(), tenant.unwrap_or("default").to_owned(), true));
        }
    }
    Ok(files)
}

fn folder_name(path: &Path) -> String {
    let absolute = fs_err::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.file_name().map_or_else(|| "default".to_owned(), |n| n.to_string_lossy().into_owned())
}

fn walk(folder: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs_err::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // A copied licensing tree is one input: its folder names the machine.
        if entry.file_type()?.is_dir() && workstation::lgs::is_tree_root(&path) {
            found.push(path);
        } else if entry.file_type()?.is_dir() {
            walk(&path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads every input under `paths`.
pub fn read_paths(paths: &[PathBuf], options: &Options) -> Result<Inputs, String> {
    let mut inputs = Inputs::default();
    let files = expand(paths, options.tenant.as_deref())?;
    let read = |(path, tenant, explicit): (PathBuf, String, bool)| read_file(&path, &tenant, explicit, options);
    parallel::map_in_order(files, parallel::threads(), read, |(report, frames)| {
        for (table, frame) in frames {
            match inputs.frames.get_mut(&table) {
                Some(existing) => {
                    existing.vstack_mut_owned(frame).map_err(|e| e.to_string())?;
                    // Thousands of small files (one scan per machine): compact as they come, so
                    // that each file's buffers are not all alive at the end.
                    if existing.first_col_n_chunks() > 256 {
                        existing.rechunk_mut();
                    }
                }
                None => {
                    inputs.frames.insert(table, frame);
                }
            }
        }
        inputs.files.push(report);
        Ok::<_, String>(())
    })?;
    for frame in inputs.frames.values_mut() {
        // Thousands of one-file chunks slow every later operation down; the few large chunks of
        // a streamed file do not, and copying them would double the peak memory.
        if frame.first_col_n_chunks() > 64 {
            frame.rechunk_mut();
        }
    }
    Ok(inputs)
}
