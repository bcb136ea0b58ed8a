"""The dev Keystone's TOTP and multi-factor seed, through keystoneauth (the library python-openstackclient uses):
`totp` gets a token with a passcode alone; `mfa`'s rules refuse a password alone with an auth receipt and take
password + passcode. berth's own tests of the same are tests/it/mfa.rs."""
import base64
import hashlib
import hmac
import struct
import time

import pytest
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3


def passcode(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    o = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def scope(env, user):
    return dict(auth_url=env["BERTH_DEV_AUTH_URL"], username=user, user_domain_id="default",
                project_name="demo", project_domain_id="default")


def test_totp_user_gets_a_token_with_a_passcode_alone(env):
    auth = v3.TOTP(passcode=passcode(env["BERTH_DEV_TOTP_SECRET"]), **scope(env, env["BERTH_DEV_TOTP_USER"]))
    sess = ks_session.Session(auth=auth)
    assert sess.get_token().startswith("gAAAA")
    assert auth.get_access(sess)._data["token"]["methods"] == ["totp"]


def test_mfa_user_needs_password_and_passcode(env):
    s = scope(env, env["BERTH_DEV_MFA_USER"])
    with pytest.raises(ks_exc.MissingAuthMethods) as e:
        ks_session.Session(auth=v3.Password(password=env["BERTH_DEV_MFA_PASSWORD"], **s)).get_token()
    assert e.value.methods == ["password"]
    auth = v3.MultiFactor(auth_methods=["v3password", "v3totp"], password=env["BERTH_DEV_MFA_PASSWORD"],
                          passcode=passcode(env["BERTH_DEV_TOTP_SECRET"]), **s)
    sess = ks_session.Session(auth=auth)
    assert sess.get_token().startswith("gAAAA")
    assert sorted(auth.get_access(sess)._data["token"]["methods"]) == ["password", "totp"]
