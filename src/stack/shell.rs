//! Command lines as a POSIX shell reads them: `--command` split into words (as Zun and Heat split a container's
//! command, with Python's shlex), and words quoted for the script a VM runs.

/// Split a command line into words as a POSIX shell would (quotes and backslashes; no expansion), as Zun and
/// Heat split a container's command (Python's shlex).
pub fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => w.push(x),
                        None => return Err(format!("`{line}` has an unclosed single quote")),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => w.push(x),
                            Some(x) => {
                                w.push('\\');
                                w.push(x);
                            }
                            None => return Err(format!("`{line}` ends inside double quotes")),
                        },
                        Some(x) => w.push(x),
                        None => return Err(format!("`{line}` has an unclosed double quote")),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(x) => word.get_or_insert_with(String::new).push(x),
                None => return Err(format!("`{line}` ends with a backslash")),
            },
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// `text` as one word for a POSIX shell: itself when it is safe, else single-quoted.
pub fn shell_quote(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "_-./:@=+,%".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_as_a_shell_splits_them() {
        assert_eq!(
            shell_words(r#"sh -c 'echo "a b"; sleep 1' x\ y "q\"" """#).unwrap(),
            vec!["sh", "-c", "echo \"a b\"; sleep 1", "x y", "q\"", ""]
        );
        assert!(shell_words("'open").is_err());
        assert_eq!(shell_quote("a b'c"), r"'a b'\''c'");
        assert_eq!(shell_quote("A=b"), "A=b");
    }
}
