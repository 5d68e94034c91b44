//! The parts of an audit search's SQL that both engines build the same way: bound arguments
//! numbered as they are pushed (`$1`, `$2`, ...; a clause used twice in one statement binds its
//! arguments once), and the `FROM ... WHERE ...` clause they go with. What the clause says
//! (full-text search, case folding, day buckets) is each engine's `audit_search::clause`.

pub(crate) use crate::sql::rows::Query;

/// A bound parameter.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Text(String),
    Int(i64),
    /// PostgreSQL's word-prefix flag of `audit_search_word` (SQLite's FTS5 query says it in text).
    #[allow(dead_code, reason = "SQLite's clause binds no flag")]
    Bool(bool),
}

/// Binds `args` in order (their placeholders are numbered in the same order).
pub(crate) fn bind_all<'q>(mut q: Query<'q>, args: &'q [Arg]) -> Query<'q> {
    for a in args {
        q = match a {
            Arg::Text(s) => q.bind(s.as_str()),
            Arg::Int(i) => q.bind(*i),
            Arg::Bool(b) => q.bind(*b),
        };
    }
    q
}

/// Statement arguments, numbered as they are pushed.
#[derive(Debug, Default, Clone)]
pub(crate) struct Args(pub(crate) Vec<Arg>);

impl Args {
    /// Pushes `a` and returns its placeholder.
    pub(crate) fn push(&mut self, a: Arg) -> String {
        self.0.push(a);
        format!("${}", self.0.len())
    }

    /// Pushes every value and returns their comma-separated placeholders, each wrapped by `wrap`.
    pub(crate) fn list(&mut self, values: &[String], wrap: fn(&str) -> String) -> String {
        values
            .iter()
            .map(|v| wrap(&self.push(Arg::Text(v.clone()))))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A placeholder as it is (the `wrap` of [`Args::list`] that wraps nothing).
pub(crate) fn plain(expr: &str) -> String {
    expr.to_owned()
}

/// `FROM ... WHERE ...` of a query, with its arguments.
pub(crate) struct Clause {
    pub(crate) sql: String,
    pub(crate) args: Args,
}
