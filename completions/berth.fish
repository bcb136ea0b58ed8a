# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_berth_global_optspecs
    string join \n V/version o/output= c/column= q/quiet v/verbose color= no-progress wide os-cloud= os-auth-url= os-auth-type= os-username= os-user-id= os-password= os-user-domain-name= os-user-domain-id= os-project-name= os-project-id= os-project-domain-name= os-project-domain-id= os-domain-name= os-domain-id= os-application-credential-id= os-application-credential-name= os-application-credential-secret= os-token= os-passcode= os-auth-methods= os-identity-provider= os-protocol= os-client-id= os-client-secret= os-discovery-endpoint= os-access-token-endpoint= os-access-token-type= os-openid-scope= os-access-token= os-region-name= os-interface= os-cacert= os-cert= os-key= insecure no-cache http-timeout= retries= timing h/help
end

function __fish_berth_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_berth_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_berth_using_subcommand
    set -l cmd (__fish_berth_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c berth -n "__fish_berth_needs_command" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_needs_command" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_needs_command" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_needs_command" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_needs_command" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_needs_command" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_needs_command" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_needs_command" -s V -l version -d 'Print the version; with -v also the build (git commit, target, features, compiler) for bug reports'
complete -c berth -n "__fish_berth_needs_command" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_needs_command" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_needs_command" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_needs_command" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_needs_command" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_needs_command" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_needs_command" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_needs_command" -f -a "auth" -d 'Keystone tokens: issue (cached), revoke'
complete -c berth -n "__fish_berth_needs_command" -f -a "catalog" -d 'The service catalog of the current token'
complete -c berth -n "__fish_berth_needs_command" -f -a "config" -d 'The resolved cloud configuration and where each value came from'
complete -c berth -n "__fish_berth_needs_command" -f -a "image" -d 'Container images in Glance'
complete -c berth -n "__fish_berth_needs_command" -f -a "boot" -d 'Boot container instances through Nova, with preflight checks and clear faults'
complete -c berth -n "__fish_berth_needs_command" -f -a "server" -d 'Nova servers: list, show, delete, logs'
complete -c berth -n "__fish_berth_needs_command" -f -a "registry" -d 'Docker registries: what a reference resolves to, a repository\'s tags, the pull quota'
complete -c berth -n "__fish_berth_needs_command" -f -a "gaps" -d 'What this cloud can and cannot do for containers, for people and for CI'
complete -c berth -n "__fish_berth_needs_command" -f -a "stack" -d 'Containers as Heat stacks: templates for four container paths, create with preflight, events, outputs'
complete -c berth -n "__fish_berth_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c berth -n "__fish_berth_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -f -a "token" -d 'Print a token (from the cache while it has more than 5 minutes left), like `openstack token issue`'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -f -a "revoke" -d 'Revoke the token at Keystone and remove it from the cache'
complete -c berth -n "__fish_berth_using_subcommand auth; and not __fish_seen_subcommand_from token revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print a token (from the cache while it has more than 5 minutes left), like `openstack token issue`'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke the token at Keystone and remove it from the cache'
complete -c berth -n "__fish_berth_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'Every service with its endpoints'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'One service by type or alias (block-storage = volumev3, container-infra, ...), and the endpoint berth uses'
complete -c berth -n "__fish_berth_using_subcommand catalog; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every service with its endpoints'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "show" -d 'One service by type or alias (block-storage = volumev3, container-infra, ...), and the endpoint berth uses'
complete -c berth -n "__fish_berth_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Every resolved setting with its source (flag, env, file, default); secrets are masked'
complete -c berth -n "__fish_berth_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every resolved setting with its source (flag, env, file, default); secrets are masked'
complete -c berth -n "__fish_berth_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -f -a "list" -d 'Glance images with `container_format=docker`: name, tags, digest, platform, size, status'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -f -a "show" -d 'One Glance image with the provenance berth recorded (source, digests, platform, command line)'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -f -a "sync" -d 'Copy images from a registry (or a local Docker engine) into Glance, streamed and verified, bootable by nova-docker and Zun'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -f -a "history" -d 'The versions of a synced image, newest first: digest, created, size, current marker, servers using each'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -f -a "rollback" -d 'Make an earlier version current again (the current one is hidden, not deleted)'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -f -a "prune" -d 'Delete old versions: never the current one, never one a Nova server uses'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from list show sync history rollback prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l all -d 'All images, not only docker ones'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l all-versions -d 'Older versions too (hidden with `os_hidden` by `image sync` when a tag moved)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -s f -l file -d 'Sync the images a YAML file lists: skopeo sync\'s format (registry -> images -> tags, tag regex, semver range) plus per-repository options; see the long help' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l exclude -d 'Leave out the tags this regex matches (unanchored; repeatable), of `--all-tags` and the sync file\'s lists' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l newest -d 'Keep only the N highest versions (by semver) of each tag list; tags that are no version are left out' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -s j -l jobs -d 'How many images to sync at once' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l per-registry -d 'How many of those may transfer from one registry at once' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l to -d 'Sync into this Glance too: `CLOUD` (of clouds.yaml), `CLOUD/REGION`, or `/REGION` of the current cloud (repeatable); each image is read once and streamed to every destination that needs it' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l upload-method -d 'How archives go into Glance: `direct` (`PUT .../file`), `glance-direct` (the import API: staged, then imported), `auto` (direct, and the import API where Glance refuses direct uploads and offers it)' -r -f -a "auto\t''
direct\t''
glance-direct\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l stores -d 'The stores of a multi-store Glance each image goes into (comma-separated): uploaded into the first, copied to the others with the import API\'s `copy-image`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l report -d 'Write a JSON line per image and destination to FILE: reference, manifest digest, destination, Glance ID, status, bytes, seconds (replaced as a whole when the sync ends)' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l for -d 'The container driver to name the Glance image for' -r -f -a "nova-docker\t'Glance name = `repo:tag` = the archive\'s RepoTags'
zun\t'Glance name = `repo`, Glance tag = the docker tag'"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l name -d 'Glance/docker name instead of the reference\'s: `repo` (keeps the tag) or `repo:tag`; one REF only' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l visibility -d 'Glance visibility' -r -f -a "private\t''
shared\t''
community\t''
public\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l property -d 'Extra Glance property (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l tag -d 'Extra Glance tag (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l registry-host -d 'The registry the other `--registry-*` flags are for (`host[:port]`, `docker.io`); needed when the command reaches several registries: the others never get these credentials or TLS settings' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l registry-user -d 'Registry user name; the password is read from stdin (`--registry-password-stdin`)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l registry-cacert -d 'CA bundle (PEM) to verify the registry\'s TLS certificate with, in addition to the system\'s' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l platform -d 'The platform to take: `os/arch[/variant]` [default: linux/amd64]; given, an image without it is an error' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l from-daemon -d 'Take the images from the local Docker engine (`DOCKER_HOST`, else /var/run/docker.sock)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l all-tags -d 'Every tag of each REF, which then names a repository (`busybox`, `host:5000/team/app`)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l prune-missing -d 'Mirror mode: after the sync, hide the images berth synced from each repository whose tag is no longer there (never one a server uses); the sync file\'s `prune-missing` says so per registry or repository'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l delete -d 'Mirror mode deletes those images instead of hiding them'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l yes -d 'Hide or delete in mirror mode without asking (needed without a terminal)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l dry-run -d 'Resolve what would be synced (tags, digests, up to date or not) and change nothing'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l all-regions -d 'Sync into every region of the current cloud that has an image endpoint'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l no-command-line -d 'Do not set `os_command_line` from the image\'s Entrypoint + Cmd'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l uncompressed-layers -d 'Put each layer into the archive as a plain (gunzipped) tar: reads every gzip layer twice'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l force -d 'Upload even when the current version already has the tag\'s digest'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l registry-password-stdin -d 'Read the registry password (or token) from the first line of stdin'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l registry-insecure -d 'Do not verify the registry\'s TLS certificate, and allow plain http (loopback registries always may)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l all-platforms -d 'Take every platform of a multi-platform image (attestation entries excepted)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l platform -d 'Only the versions of this platform: `os/arch[/variant]`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l to -d 'The version with this manifest digest (or a unique prefix of its hex); the image ID for `--from-daemon` ones' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l steps -d 'This many versions older than the current one' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l platform -d 'Only the versions of this platform: `os/arch[/variant]`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l dry-run -d 'Print the plan and change nothing'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rollback" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l keep -d 'How many versions to keep, the current one included' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l platform -d 'Only the versions of this platform: `os/arch[/variant]`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l all -d 'Every docker image synced by berth'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l yes -d 'Delete without asking'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l dry-run -d 'Print the plan and change nothing'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "list" -d 'Glance images with `container_format=docker`: name, tags, digest, platform, size, status'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "show" -d 'One Glance image with the provenance berth recorded (source, digests, platform, command line)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Copy images from a registry (or a local Docker engine) into Glance, streamed and verified, bootable by nova-docker and Zun'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'The versions of a synced image, newest first: digest, created, size, current marker, servers using each'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rollback" -d 'Make an earlier version current again (the current one is hidden, not deleted)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete old versions: never the current one, never one a Nova server uses'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand boot" -l image -d 'Docker reference (`busybox:1.36`, resolved to the newest Glance image synced from it), Glance name or ID' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l flavor -d 'Flavor name or ID' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l network -d 'Network name or ID to attach: Nova makes a port on it (repeatable, in order)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l port -d 'Existing Neutron port, by name or ID, to attach; it must be free (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l fixed-ip -d 'This fixed IP on network NET (name or ID): on the first `--network NET`, else on a port of its own (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l security-group -d 'Security group, by name or ID, for the ports Nova makes (repeatable; default: the project\'s `default`)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l floating-ip -d 'Give the server a floating IP once ACTIVE (so the boot waits): no value allocates one from the external network (released by `server delete`), an ADDRESS takes that floating IP of the project' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l floating-network -d 'The external network to allocate the floating IP from (needed when several are visible)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l key-name -d 'Key pair to inject' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l user-data -d 'File of user data' -r -F
complete -c berth -n "__fish_berth_using_subcommand boot" -l env -d 'Environment variable for the container, as instance metadata the docker driver turns into env (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l command -d 'Command for this boot only (refused: the driver takes it from the image\'s `os_command_line`)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l availability-zone -d 'Availability zone' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l count -d 'How many servers to boot' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l property -d 'Server metadata (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l volume -d 'Attach this Cinder volume (refused unless `--force`: docker instances cannot attach volumes)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l timeout -d 'Seconds `--wait` waits before giving up (exit 5)' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand boot" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand boot" -l no-network -d 'Boot without any network (`networks: "none"`)'
complete -c berth -n "__fish_berth_using_subcommand boot" -l config-drive -d 'Ask for a config drive (refused unless `--force`: docker instances have none)'
complete -c berth -n "__fish_berth_using_subcommand boot" -l force -d 'Boot even when a preflight check refuses (not for what does not exist or is taken)'
complete -c berth -n "__fish_berth_using_subcommand boot" -l wait -d 'Wait until the server is ACTIVE or ERROR'
complete -c berth -n "__fish_berth_using_subcommand boot" -l delete-on-failure -d 'Delete the servers when they go to ERROR, time out, or the wait is interrupted'
complete -c berth -n "__fish_berth_using_subcommand boot" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand boot" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand boot" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand boot" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand boot" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand boot" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand boot" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand boot" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -f -a "list" -d 'Servers, optionally filtered'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -f -a "show" -d 'One server, with its fault if it has one'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -f -a "delete" -d 'Delete servers'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -f -a "logs" -d 'The console log, which on container drivers is the container\'s output'
complete -c berth -n "__fish_berth_using_subcommand server; and not __fish_seen_subcommand_from list show delete logs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l name -d 'Name (a regular expression, as Nova takes it)' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l status -d 'Status, e.g. ACTIVE, ERROR, BUILD' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l image -d 'Image: Glance ID, name or docker reference' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds `--wait` waits before giving up (exit 5)' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l wait -d 'Wait until they are gone'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l lines -d 'Only the last N lines' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "list" -d 'Servers, optionally filtered'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "show" -d 'One server, with its fault if it has one'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete servers'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "logs" -d 'The console log, which on container drivers is the container\'s output'
complete -c berth -n "__fish_berth_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -f -a "inspect" -d 'The image a reference resolves to for a platform (or every platform): digests, layers, size'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -f -a "quota" -d 'The pull quota the registry reports for a reference (Docker Hub\'s rate limit), from a manifest HEAD'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -f -a "tags" -d 'Every tag of a repository'
complete -c berth -n "__fish_berth_using_subcommand registry; and not __fish_seen_subcommand_from inspect quota tags help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l registry-host -d 'The registry the other `--registry-*` flags are for (`host[:port]`, `docker.io`); needed when the command reaches several registries: the others never get these credentials or TLS settings' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l registry-user -d 'Registry user name; the password is read from stdin (`--registry-password-stdin`)' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l registry-cacert -d 'CA bundle (PEM) to verify the registry\'s TLS certificate with, in addition to the system\'s' -r -F
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l platform -d 'The platform to take: `os/arch[/variant]` [default: linux/amd64]; given, an image without it is an error' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l registry-password-stdin -d 'Read the registry password (or token) from the first line of stdin'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l registry-insecure -d 'Do not verify the registry\'s TLS certificate, and allow plain http (loopback registries always may)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l all-platforms -d 'Take every platform of a multi-platform image (attestation entries excepted)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l registry-host -d 'The registry the other `--registry-*` flags are for (`host[:port]`, `docker.io`); needed when the command reaches several registries: the others never get these credentials or TLS settings' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l registry-user -d 'Registry user name; the password is read from stdin (`--registry-password-stdin`)' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l registry-cacert -d 'CA bundle (PEM) to verify the registry\'s TLS certificate with, in addition to the system\'s' -r -F
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l registry-password-stdin -d 'Read the registry password (or token) from the first line of stdin'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l registry-insecure -d 'Do not verify the registry\'s TLS certificate, and allow plain http (loopback registries always may)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from quota" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l registry-host -d 'The registry the other `--registry-*` flags are for (`host[:port]`, `docker.io`); needed when the command reaches several registries: the others never get these credentials or TLS settings' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l registry-user -d 'Registry user name; the password is read from stdin (`--registry-password-stdin`)' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l registry-cacert -d 'CA bundle (PEM) to verify the registry\'s TLS certificate with, in addition to the system\'s' -r -F
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l registry-password-stdin -d 'Read the registry password (or token) from the first line of stdin'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l registry-insecure -d 'Do not verify the registry\'s TLS certificate, and allow plain http (loopback registries always may)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from tags" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'The image a reference resolves to for a platform (or every platform): digests, layers, size'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "quota" -d 'The pull quota the registry reports for a reference (Docker Hub\'s rate limit), from a manifest HEAD'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "tags" -d 'Every tag of a repository'
complete -c berth -n "__fish_berth_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand gaps" -l only -d 'Only findings of this area (repeatable)' -r -f -a "catalog\t''
identity\t''
compute\t''
image\t''
volumes\t''
telemetry\t''
networking\t''
orchestration\t''
magnum\t''
zun\t''"
complete -c berth -n "__fish_berth_using_subcommand gaps" -l fail-on -d 'Exit 3 when any finding is at or above this level (warn: warn or fail; fail: fail only)' -r -f -a "warn\t''
fail\t''"
complete -c berth -n "__fish_berth_using_subcommand gaps" -l probe-timeout -d 'Seconds one request of the report may take before its fact is `unknown`' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l explain -d 'Print the long explanation of a check id (e.g. `compute.container-hypervisor`) and exit; asks no cloud' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand gaps" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand gaps" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand gaps" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand gaps" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand gaps" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand gaps" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand gaps" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand gaps" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand gaps" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "template" -d 'Print a HOT template (with comments) that runs IMAGE as a container, for one of four paths'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "validate" -d 'Validate a template with Heat (`--full`: every property, as a create would)'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "create" -d 'Create a stack from a template file, or from IMAGE for a container path (`--for`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "update" -d 'Update a stack: a new template (file or IMAGE --for KIND), or new parameters for its own'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "delete" -d 'Delete stacks (and the image credentials berth made for them)'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "list" -d 'The project\'s stacks'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "show" -d 'One stack, with its parameters and outputs'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "events" -d 'A stack\'s events, oldest first (`--follow`: until the action under way ends)'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "outputs" -d 'A stack\'s outputs'
complete -c berth -n "__fish_berth_using_subcommand stack; and not __fish_seen_subcommand_from template validate create update delete list show events outputs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l name -d 'Name of the server or container (default: the stack\'s name)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l flavor -d 'Flavor name or ID (nova-docker, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l network -d 'Network name or ID to attach (repeatable; nova-docker, zun, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l env -d 'Environment variable for the container (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l command -d 'The container\'s command (zun, docker-engine, vm), split into words as a shell would' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l cpu -d 'CPUs for the container (zun; vm: docker run --cpus)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l memory -d 'Memory for the container: 512 (MiB), 512m, 1g (zun, docker-engine; vm: docker run --memory)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:N] (zun, docker-engine, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l volume -d 'A Cinder volume at PATH: a new one of SIZE GiB, or an existing one by ID (repeatable; zun)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l publish -d 'Publish a port, as `docker run -p`: [IP:]HOST_PORT:CONTAINER_PORT (repeatable; docker-engine, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l image-driver -d 'Where Zun takes the image from (zun; default glance)' -r -f -a "glance\t'a Glance image synced with `berth image sync --for zun` (name = repository, Glance tag = tag)'
docker\t'the registry the reference names, as Docker pulls'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l docker-endpoint -d 'The Docker engine Heat\'s engine talks to: unix:///path/docker.sock, tcp://host:port (docker-engine)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l vm-image -d 'The VM image, with cloud-init and Docker: Glance name or ID (vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l source -d 'Where the VM gets the container image (vm; default registry)' -r -f -a "registry\t'the VM pulls the image from its registry, pinned by digest'
glance\t'the VM downloads the Glance image with a credential restricted to that image\'s data'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l for -d 'The container path' -r -f -a "nova-docker\t'OS::Nova::Server from a Glance docker image (a container hypervisor runs it)'
zun\t'OS::Zun::Container (Zun runs it; can mount Cinder volumes)'
docker-engine\t'DockerInc::Docker::Container: Heat\'s Docker plugin talks to a Docker engine'
vm\t'OS::Nova::Server from a VM image whose cloud-init runs the container (a secure container)'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l no-network -d 'No network (nova-docker, vm)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from template" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l parameter -d 'A template parameter (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l full -d 'The stack preview: every property checked, as a create would'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -s t -l template -d 'A template file (`-` for stdin) instead of IMAGE --for KIND' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l for -d 'The container path' -r -f -a "nova-docker\t'OS::Nova::Server from a Glance docker image (a container hypervisor runs it)'
zun\t'OS::Zun::Container (Zun runs it; can mount Cinder volumes)'
docker-engine\t'DockerInc::Docker::Container: Heat\'s Docker plugin talks to a Docker engine'
vm\t'OS::Nova::Server from a VM image whose cloud-init runs the container (a secure container)'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l name -d 'Name of the server or container (default: the stack\'s name)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l flavor -d 'Flavor name or ID (nova-docker, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l network -d 'Network name or ID to attach (repeatable; nova-docker, zun, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l env -d 'Environment variable for the container (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l command -d 'The container\'s command (zun, docker-engine, vm), split into words as a shell would' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l cpu -d 'CPUs for the container (zun; vm: docker run --cpus)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l memory -d 'Memory for the container: 512 (MiB), 512m, 1g (zun, docker-engine; vm: docker run --memory)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:N] (zun, docker-engine, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l volume -d 'A Cinder volume at PATH: a new one of SIZE GiB, or an existing one by ID (repeatable; zun)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l publish -d 'Publish a port, as `docker run -p`: [IP:]HOST_PORT:CONTAINER_PORT (repeatable; docker-engine, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l image-driver -d 'Where Zun takes the image from (zun; default glance)' -r -f -a "glance\t'a Glance image synced with `berth image sync --for zun` (name = repository, Glance tag = tag)'
docker\t'the registry the reference names, as Docker pulls'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l docker-endpoint -d 'The Docker engine Heat\'s engine talks to: unix:///path/docker.sock, tcp://host:port (docker-engine)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l vm-image -d 'The VM image, with cloud-init and Docker: Glance name or ID (vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l source -d 'Where the VM gets the container image (vm; default registry)' -r -f -a "registry\t'the VM pulls the image from its registry, pinned by digest'
glance\t'the VM downloads the Glance image with a credential restricted to that image\'s data'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l parameter -d 'A template parameter (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds `--wait` waits before giving up (exit 5)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l credential-ttl -d 'Seconds the image credential of `--for vm --source glance` lives' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l no-network -d 'No network (nova-docker, vm)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l wait -d 'Wait until CREATE_COMPLETE (0) or CREATE_FAILED (1), showing each event on stderr'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l delete-on-failure -d 'Delete the stack when it fails, times out, or the wait is interrupted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l dry-run -d 'Check everything and print what a create would make (Heat\'s preview); create nothing'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -s t -l template -d 'A template file (`-` for stdin) that replaces the stack\'s; without it and IMAGE, the stack keeps its template and gets the new `--parameter`s' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l for -d 'The container path' -r -f -a "nova-docker\t'OS::Nova::Server from a Glance docker image (a container hypervisor runs it)'
zun\t'OS::Zun::Container (Zun runs it; can mount Cinder volumes)'
docker-engine\t'DockerInc::Docker::Container: Heat\'s Docker plugin talks to a Docker engine'
vm\t'OS::Nova::Server from a VM image whose cloud-init runs the container (a secure container)'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l name -d 'Name of the server or container (default: the stack\'s name)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l flavor -d 'Flavor name or ID (nova-docker, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l network -d 'Network name or ID to attach (repeatable; nova-docker, zun, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l env -d 'Environment variable for the container (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l command -d 'The container\'s command (zun, docker-engine, vm), split into words as a shell would' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l cpu -d 'CPUs for the container (zun; vm: docker run --cpus)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l memory -d 'Memory for the container: 512 (MiB), 512m, 1g (zun, docker-engine; vm: docker run --memory)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:N] (zun, docker-engine, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l volume -d 'A Cinder volume at PATH: a new one of SIZE GiB, or an existing one by ID (repeatable; zun)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l publish -d 'Publish a port, as `docker run -p`: [IP:]HOST_PORT:CONTAINER_PORT (repeatable; docker-engine, vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l image-driver -d 'Where Zun takes the image from (zun; default glance)' -r -f -a "glance\t'a Glance image synced with `berth image sync --for zun` (name = repository, Glance tag = tag)'
docker\t'the registry the reference names, as Docker pulls'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l docker-endpoint -d 'The Docker engine Heat\'s engine talks to: unix:///path/docker.sock, tcp://host:port (docker-engine)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l vm-image -d 'The VM image, with cloud-init and Docker: Glance name or ID (vm)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l source -d 'Where the VM gets the container image (vm; default registry)' -r -f -a "registry\t'the VM pulls the image from its registry, pinned by digest'
glance\t'the VM downloads the Glance image with a credential restricted to that image\'s data'"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l parameter -d 'A template parameter (repeatable)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l timeout -d 'Seconds `--wait` waits before giving up (exit 5)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l credential-ttl -d 'Seconds the image credential of `--for vm --source glance` lives' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l no-network -d 'No network (nova-docker, vm)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l wait -d 'Wait until UPDATE_COMPLETE (0) or UPDATE_FAILED (1), showing each event on stderr'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds `--wait` waits before giving up (exit 5)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l wait -d 'Wait until they are gone (DELETE_FAILED exits 1 with Heat\'s reason)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l timeout -d 'Seconds `--follow` follows before giving up (exit 5)' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l follow -d 'Keep printing events as they come until the stack is no longer IN_PROGRESS (one row per line)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from outputs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "template" -d 'Print a HOT template (with comments) that runs IMAGE as a container, for one of four paths'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Validate a template with Heat (`--full`: every property, as a create would)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a stack from a template file, or from IMAGE for a container path (`--for`)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "update" -d 'Update a stack: a new template (file or IMAGE --for KIND), or new parameters for its own'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete stacks (and the image credentials berth made for them)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "list" -d 'The project\'s stacks'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "show" -d 'One stack, with its parameters and outputs'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "events" -d 'A stack\'s events, oldest first (`--follow`: until the action under way ends)'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "outputs" -d 'A stack\'s outputs'
complete -c berth -n "__fish_berth_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand completions" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand completions" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-cloud -d 'Cloud in clouds.yaml to use [env: OS_CLOUD]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-auth-url -d 'Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-auth-type -d 'password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken (guessed from what is set) [env: OS_AUTH_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-username -d 'User name [env: OS_USERNAME]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-user-id -d 'User ID [env: OS_USER_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-password -d 'Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-user-domain-name -d 'Domain of the user, by name [env: OS_USER_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-user-domain-id -d 'Domain of the user, by ID [env: OS_USER_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-project-name -d 'Project to scope to, by name [env: OS_PROJECT_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-project-id -d 'Project to scope to, by ID [env: OS_PROJECT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-project-domain-name -d 'Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-project-domain-id -d 'Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-domain-name -d 'Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-domain-id -d 'Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-application-credential-id -d 'Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-application-credential-name -d 'Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-application-credential-secret -d 'Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-token -d 'An existing token to authenticate with [env: OS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-passcode -d 'TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-auth-methods -d 'Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-identity-provider -d 'Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-protocol -d 'Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-client-id -d 'OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-client-secret -d 'OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-discovery-endpoint -d 'OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-access-token-endpoint -d 'Identity provider\'s token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-access-token-type -d 'access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-openid-scope -d 'OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-access-token -d 'OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-region-name -d 'Region of the endpoints to use [env: OS_REGION_NAME]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-interface -d 'Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-cacert -d 'CA bundle (PEM) to verify TLS with, in addition to the system\'s [env: OS_CACERT]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-cert -d 'Client certificate (PEM) [env: OS_CERT]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l os-key -d 'Client certificate key (PEM) [env: OS_KEY]' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l http-timeout -d 'Seconds before an HTTP request gives up' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l retries -d 'Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand completions" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand completions" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand completions" -l wide -d 'Show digests whole in tables (on a terminal they are cut to 12 hex digits; sizes are human there)'
complete -c berth -n "__fish_berth_using_subcommand completions" -l insecure -d 'Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)'
complete -c berth -n "__fish_berth_using_subcommand completions" -l no-cache -d 'Neither read nor write the token cache'
complete -c berth -n "__fish_berth_using_subcommand completions" -l timing -d 'Print a table of every HTTP request (method, URL, status, time) on stderr at the end'
complete -c berth -n "__fish_berth_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "auth" -d 'Keystone tokens: issue (cached), revoke'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "catalog" -d 'The service catalog of the current token'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "config" -d 'The resolved cloud configuration and where each value came from'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "image" -d 'Container images in Glance'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "boot" -d 'Boot container instances through Nova, with preflight checks and clear faults'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "server" -d 'Nova servers: list, show, delete, logs'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "registry" -d 'Docker registries: what a reference resolves to, a repository\'s tags, the pull quota'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "gaps" -d 'What this cloud can and cannot do for containers, for people and for CI'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "stack" -d 'Containers as Heat stacks: templates for four container paths, create with preflight, events, outputs'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from auth catalog config image boot server registry gaps stack completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print a token (from the cache while it has more than 5 minutes left), like `openstack token issue`'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "revoke" -d 'Revoke the token at Keystone and remove it from the cache'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "list" -d 'Every service with its endpoints'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "show" -d 'One service by type or alias (block-storage = volumev3, container-infra, ...), and the endpoint berth uses'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Every resolved setting with its source (flag, env, file, default); secrets are masked'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "list" -d 'Glance images with `container_format=docker`: name, tags, digest, platform, size, status'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "show" -d 'One Glance image with the provenance berth recorded (source, digests, platform, command line)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "sync" -d 'Copy images from a registry (or a local Docker engine) into Glance, streamed and verified, bootable by nova-docker and Zun'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'The versions of a synced image, newest first: digest, created, size, current marker, servers using each'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rollback" -d 'Make an earlier version current again (the current one is hidden, not deleted)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Delete old versions: never the current one, never one a Nova server uses'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "list" -d 'Servers, optionally filtered'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "show" -d 'One server, with its fault if it has one'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "delete" -d 'Delete servers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "logs" -d 'The console log, which on container drivers is the container\'s output'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "inspect" -d 'The image a reference resolves to for a platform (or every platform): digests, layers, size'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "quota" -d 'The pull quota the registry reports for a reference (Docker Hub\'s rate limit), from a manifest HEAD'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "tags" -d 'Every tag of a repository'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "template" -d 'Print a HOT template (with comments) that runs IMAGE as a container, for one of four paths'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "validate" -d 'Validate a template with Heat (`--full`: every property, as a create would)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "create" -d 'Create a stack from a template file, or from IMAGE for a container path (`--for`)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "update" -d 'Update a stack: a new template (file or IMAGE --for KIND), or new parameters for its own'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "delete" -d 'Delete stacks (and the image credentials berth made for them)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "list" -d 'The project\'s stacks'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "show" -d 'One stack, with its parameters and outputs'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "events" -d 'A stack\'s events, oldest first (`--follow`: until the action under way ends)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "outputs" -d 'A stack\'s outputs'
