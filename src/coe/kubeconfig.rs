//! A cluster's kubeconfig as `openstack coe cluster config` makes it: the cluster's CA from Magnum's certificates
//! API, a new key and a CSR (CN=admin, O=system:masters) that Magnum's conductor signs with the cluster's CA.
//! Written 0600 from its creation on, never over an existing file unless asked.
//!
//! The key is ECDSA P-256 (rcgen, on the ring already in the tree for TLS): Magnum signs any CSR's public key,
//! and Kubernetes takes EC client certificates; the openstack client makes an RSA 2048 key, which would need a
//! second crypto stack here.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;

use crate::error::{ExitCode, Failure};

/// A private key and the CSR for it, both PEM.
pub struct Request {
    pub key_pem: String,
    pub csr_pem: String,
}

/// A new key and a CSR for the cluster's admin (CN=admin, O=system:masters), as the openstack client asks.
pub fn request() -> anyhow::Result<Request> {
    let key = rcgen::KeyPair::generate()?;
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())?;
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CommonName, "admin");
    dn.push(rcgen::DnType::OrganizationName, "system:masters");
    params.distinguished_name = dn;
    let csr = params.serialize_request(&key)?;
    Ok(Request { key_pem: key.serialize_pem(), csr_pem: csr.pem()? })
}

/// The kubeconfig text (YAML; every value is a name, a URL or base64, none needs quoting but the name, which is
/// quoted).
pub fn render(cluster: &str, server: &str, ca_pem: &str, cert_pem: &str, key_pem: &str) -> String {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    let name = serde_json::to_string(cluster).unwrap_or_else(|_| "\"cluster\"".into());
    let server = serde_json::to_string(server).unwrap_or_else(|_| "\"\"".into());
    format!(
        "apiVersion: v1\nkind: Config\npreferences: {{}}\nclusters:\n- name: {name}\n  cluster:\n    server: {server}\n    \
         certificate-authority-data: {}\ncontexts:\n- name: default\n  context:\n    cluster: {name}\n    user: admin\n\
         current-context: default\nusers:\n- name: admin\n  user:\n    client-certificate-data: {}\n    \
         client-key-data: {}\n",
        b64(ca_pem),
        b64(cert_pem),
        b64(key_pem)
    )
}

/// The kubeconfig of a Keystone-authenticated cluster (`--use-keystone`): no client certificate; kubectl runs
/// berth for a token (from berth's token cache while it lasts, with the cloud of the environment it runs in) and
/// hands it to the cluster's Keystone webhook, as the openstack client's `$OS_TOKEN` exec does.
pub fn render_keystone(cluster: &str, server: &str, ca_pem: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(ca_pem.as_bytes());
    let name = serde_json::to_string(cluster).unwrap_or_else(|_| "\"cluster\"".into());
    let server = serde_json::to_string(server).unwrap_or_else(|_| "\"\"".into());
    // One shell word for `sh -c`, as a YAML single-quoted scalar ('' is a quote).
    let script = r#"printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}' "$(berth auth token -o value -c id)""#;
    format!(
        "apiVersion: v1\nkind: Config\npreferences: {{}}\nclusters:\n- name: {name}\n  cluster:\n    server: {server}\n    \
         certificate-authority-data: {b64}\ncontexts:\n- name: default\n  context:\n    cluster: {name}\n    user: openstackuser\n\
         current-context: default\nusers:\n- name: openstackuser\n  user:\n    exec:\n      \
         apiVersion: client.authentication.k8s.io/v1beta1\n      command: /bin/sh\n      args:\n      - -c\n      - '{}'\n",
        script.replace('\'', "''")
    )
}

/// Write `text` to `dir/config`: created 0600; an existing file is replaced only with `force` (in one step, by a
/// rename of a 0600 file beside it), else a usage error names it.
pub fn write(dir: &Path, text: &str, force: bool) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::usage(format!("cannot create the directory `{}`: {e}", dir.display())).hint("give another `--dir`")
    })?;
    let path = dir.join("config");
    if path.exists() && !force {
        return Err(Failure::usage(format!("`{}` exists; berth does not overwrite it", path.display()))
            .hint("pass `--force` to replace it, or `--dir` for another directory")
            .into());
    }
    let tmp = dir.join(format!(".config.berth-{}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if force {
            std::fs::rename(&tmp, &path)
        } else {
            // Not over a file that appeared meanwhile: a hard link fails when the name exists.
            std::fs::hard_link(&tmp, &path)?;
            std::fs::remove_file(&tmp)
        }
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::new(ExitCode::Failure, format!("cannot write `{}`: {e}", path.display())).into());
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_pem_and_the_config_never_clobbers() {
        let r = request().unwrap();
        assert!(r.csr_pem.starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
        assert!(r.key_pem.contains("PRIVATE KEY"));
        let text = render("k8s", "https://192.0.2.5:6443", "CA", "CERT", "KEY");
        assert!(text.contains("server: \"https://192.0.2.5:6443\""));
        assert!(text.contains("certificate-authority-data: Q0E="));
        let ks: serde_yaml_ng::Value =
            serde_yaml_ng::from_str(&render_keystone("k8s", "https://a:6443", "CA")).unwrap();
        let args = &ks["users"][0]["user"]["exec"]["args"];
        assert_eq!(args[0].as_str(), Some("-c"));
        assert!(args[1].as_str().unwrap().starts_with("printf '{\"apiVersion\""), "{args:?}");
        assert!(ks["users"][0]["user"].get("client-certificate-data").is_none());
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), &text, false).unwrap();
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&p).unwrap().permissions()) & 0o777,
            0o600
        );
        let e = write(dir.path(), "other", false).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), ExitCode::Usage);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
        write(dir.path(), "other", true).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "other");
    }
}
