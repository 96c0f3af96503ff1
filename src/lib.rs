//! pjece turns a folder of Markdown leaflets into an accessible static site.
//!
//! The pipeline, in the order the stages run:
//!
//! 1. [`config`]: `site.yaml` → [`config::Config`]
//! 2. [`load`]: walk `content/` → raw documents (front matter text, body, line offsets)
//! 3. [`frontmatter`]: YAML → typed front matter, every key with its line ([`yaml`] holds the
//!    located YAML tree and the schema checks)
//! 4. [`model`]: the site graph: problems, leaflets, technologies, pages, categories, cross-links
//! 5. [`markdown`]: body → HTML, heading ids, link rewriting
//! 6. [`render`]: model + [`theme`] → pages (Tera), one function per page kind
//! 7. [`write`]: staged output folder → atomic swap into `public/`
//!
//! [`pipeline`] runs the stages; [`diagnostics`] carries every finding to the editor;
//! [`scaffold`] is `pjece new`; [`serve`] is the editor's dev server.

pub mod booklet;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod frontmatter;
pub mod load;
pub mod markdown;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub mod qr;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod write;
pub mod yaml;
