_berth() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="berth"
                ;;
            berth,auth)
                cmd="berth__subcmd__auth"
                ;;
            berth,boot)
                cmd="berth__subcmd__boot"
                ;;
            berth,catalog)
                cmd="berth__subcmd__catalog"
                ;;
            berth,completions)
                cmd="berth__subcmd__completions"
                ;;
            berth,config)
                cmd="berth__subcmd__config"
                ;;
            berth,gaps)
                cmd="berth__subcmd__gaps"
                ;;
            berth,help)
                cmd="berth__subcmd__help"
                ;;
            berth,image)
                cmd="berth__subcmd__image"
                ;;
            berth,registry)
                cmd="berth__subcmd__registry"
                ;;
            berth,server)
                cmd="berth__subcmd__server"
                ;;
            berth,stack)
                cmd="berth__subcmd__stack"
                ;;
            berth__subcmd__auth,help)
                cmd="berth__subcmd__auth__subcmd__help"
                ;;
            berth__subcmd__auth,revoke)
                cmd="berth__subcmd__auth__subcmd__revoke"
                ;;
            berth__subcmd__auth,token)
                cmd="berth__subcmd__auth__subcmd__token"
                ;;
            berth__subcmd__auth__subcmd__help,help)
                cmd="berth__subcmd__auth__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__auth__subcmd__help,revoke)
                cmd="berth__subcmd__auth__subcmd__help__subcmd__revoke"
                ;;
            berth__subcmd__auth__subcmd__help,token)
                cmd="berth__subcmd__auth__subcmd__help__subcmd__token"
                ;;
            berth__subcmd__catalog,help)
                cmd="berth__subcmd__catalog__subcmd__help"
                ;;
            berth__subcmd__catalog,list)
                cmd="berth__subcmd__catalog__subcmd__list"
                ;;
            berth__subcmd__catalog,show)
                cmd="berth__subcmd__catalog__subcmd__show"
                ;;
            berth__subcmd__catalog__subcmd__help,help)
                cmd="berth__subcmd__catalog__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__catalog__subcmd__help,list)
                cmd="berth__subcmd__catalog__subcmd__help__subcmd__list"
                ;;
            berth__subcmd__catalog__subcmd__help,show)
                cmd="berth__subcmd__catalog__subcmd__help__subcmd__show"
                ;;
            berth__subcmd__config,help)
                cmd="berth__subcmd__config__subcmd__help"
                ;;
            berth__subcmd__config,show)
                cmd="berth__subcmd__config__subcmd__show"
                ;;
            berth__subcmd__config__subcmd__help,help)
                cmd="berth__subcmd__config__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__config__subcmd__help,show)
                cmd="berth__subcmd__config__subcmd__help__subcmd__show"
                ;;
            berth__subcmd__help,auth)
                cmd="berth__subcmd__help__subcmd__auth"
                ;;
            berth__subcmd__help,boot)
                cmd="berth__subcmd__help__subcmd__boot"
                ;;
            berth__subcmd__help,catalog)
                cmd="berth__subcmd__help__subcmd__catalog"
                ;;
            berth__subcmd__help,completions)
                cmd="berth__subcmd__help__subcmd__completions"
                ;;
            berth__subcmd__help,config)
                cmd="berth__subcmd__help__subcmd__config"
                ;;
            berth__subcmd__help,gaps)
                cmd="berth__subcmd__help__subcmd__gaps"
                ;;
            berth__subcmd__help,help)
                cmd="berth__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__help,image)
                cmd="berth__subcmd__help__subcmd__image"
                ;;
            berth__subcmd__help,registry)
                cmd="berth__subcmd__help__subcmd__registry"
                ;;
            berth__subcmd__help,server)
                cmd="berth__subcmd__help__subcmd__server"
                ;;
            berth__subcmd__help,stack)
                cmd="berth__subcmd__help__subcmd__stack"
                ;;
            berth__subcmd__help__subcmd__auth,revoke)
                cmd="berth__subcmd__help__subcmd__auth__subcmd__revoke"
                ;;
            berth__subcmd__help__subcmd__auth,token)
                cmd="berth__subcmd__help__subcmd__auth__subcmd__token"
                ;;
            berth__subcmd__help__subcmd__catalog,list)
                cmd="berth__subcmd__help__subcmd__catalog__subcmd__list"
                ;;
            berth__subcmd__help__subcmd__catalog,show)
                cmd="berth__subcmd__help__subcmd__catalog__subcmd__show"
                ;;
            berth__subcmd__help__subcmd__config,show)
                cmd="berth__subcmd__help__subcmd__config__subcmd__show"
                ;;
            berth__subcmd__help__subcmd__image,history)
                cmd="berth__subcmd__help__subcmd__image__subcmd__history"
                ;;
            berth__subcmd__help__subcmd__image,list)
                cmd="berth__subcmd__help__subcmd__image__subcmd__list"
                ;;
            berth__subcmd__help__subcmd__image,prune)
                cmd="berth__subcmd__help__subcmd__image__subcmd__prune"
                ;;
            berth__subcmd__help__subcmd__image,rollback)
                cmd="berth__subcmd__help__subcmd__image__subcmd__rollback"
                ;;
            berth__subcmd__help__subcmd__image,show)
                cmd="berth__subcmd__help__subcmd__image__subcmd__show"
                ;;
            berth__subcmd__help__subcmd__image,sync)
                cmd="berth__subcmd__help__subcmd__image__subcmd__sync"
                ;;
            berth__subcmd__help__subcmd__registry,inspect)
                cmd="berth__subcmd__help__subcmd__registry__subcmd__inspect"
                ;;
            berth__subcmd__help__subcmd__registry,quota)
                cmd="berth__subcmd__help__subcmd__registry__subcmd__quota"
                ;;
            berth__subcmd__help__subcmd__registry,tags)
                cmd="berth__subcmd__help__subcmd__registry__subcmd__tags"
                ;;
            berth__subcmd__help__subcmd__server,delete)
                cmd="berth__subcmd__help__subcmd__server__subcmd__delete"
                ;;
            berth__subcmd__help__subcmd__server,list)
                cmd="berth__subcmd__help__subcmd__server__subcmd__list"
                ;;
            berth__subcmd__help__subcmd__server,logs)
                cmd="berth__subcmd__help__subcmd__server__subcmd__logs"
                ;;
            berth__subcmd__help__subcmd__server,show)
                cmd="berth__subcmd__help__subcmd__server__subcmd__show"
                ;;
            berth__subcmd__help__subcmd__stack,create)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__create"
                ;;
            berth__subcmd__help__subcmd__stack,delete)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__delete"
                ;;
            berth__subcmd__help__subcmd__stack,events)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__events"
                ;;
            berth__subcmd__help__subcmd__stack,list)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__list"
                ;;
            berth__subcmd__help__subcmd__stack,outputs)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__outputs"
                ;;
            berth__subcmd__help__subcmd__stack,show)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__show"
                ;;
            berth__subcmd__help__subcmd__stack,template)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__template"
                ;;
            berth__subcmd__help__subcmd__stack,update)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__update"
                ;;
            berth__subcmd__help__subcmd__stack,validate)
                cmd="berth__subcmd__help__subcmd__stack__subcmd__validate"
                ;;
            berth__subcmd__image,help)
                cmd="berth__subcmd__image__subcmd__help"
                ;;
            berth__subcmd__image,history)
                cmd="berth__subcmd__image__subcmd__history"
                ;;
            berth__subcmd__image,list)
                cmd="berth__subcmd__image__subcmd__list"
                ;;
            berth__subcmd__image,prune)
                cmd="berth__subcmd__image__subcmd__prune"
                ;;
            berth__subcmd__image,rollback)
                cmd="berth__subcmd__image__subcmd__rollback"
                ;;
            berth__subcmd__image,show)
                cmd="berth__subcmd__image__subcmd__show"
                ;;
            berth__subcmd__image,sync)
                cmd="berth__subcmd__image__subcmd__sync"
                ;;
            berth__subcmd__image__subcmd__help,help)
                cmd="berth__subcmd__image__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__image__subcmd__help,history)
                cmd="berth__subcmd__image__subcmd__help__subcmd__history"
                ;;
            berth__subcmd__image__subcmd__help,list)
                cmd="berth__subcmd__image__subcmd__help__subcmd__list"
                ;;
            berth__subcmd__image__subcmd__help,prune)
                cmd="berth__subcmd__image__subcmd__help__subcmd__prune"
                ;;
            berth__subcmd__image__subcmd__help,rollback)
                cmd="berth__subcmd__image__subcmd__help__subcmd__rollback"
                ;;
            berth__subcmd__image__subcmd__help,show)
                cmd="berth__subcmd__image__subcmd__help__subcmd__show"
                ;;
            berth__subcmd__image__subcmd__help,sync)
                cmd="berth__subcmd__image__subcmd__help__subcmd__sync"
                ;;
            berth__subcmd__registry,help)
                cmd="berth__subcmd__registry__subcmd__help"
                ;;
            berth__subcmd__registry,inspect)
                cmd="berth__subcmd__registry__subcmd__inspect"
                ;;
            berth__subcmd__registry,quota)
                cmd="berth__subcmd__registry__subcmd__quota"
                ;;
            berth__subcmd__registry,tags)
                cmd="berth__subcmd__registry__subcmd__tags"
                ;;
            berth__subcmd__registry__subcmd__help,help)
                cmd="berth__subcmd__registry__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__registry__subcmd__help,inspect)
                cmd="berth__subcmd__registry__subcmd__help__subcmd__inspect"
                ;;
            berth__subcmd__registry__subcmd__help,quota)
                cmd="berth__subcmd__registry__subcmd__help__subcmd__quota"
                ;;
            berth__subcmd__registry__subcmd__help,tags)
                cmd="berth__subcmd__registry__subcmd__help__subcmd__tags"
                ;;
            berth__subcmd__server,delete)
                cmd="berth__subcmd__server__subcmd__delete"
                ;;
            berth__subcmd__server,help)
                cmd="berth__subcmd__server__subcmd__help"
                ;;
            berth__subcmd__server,list)
                cmd="berth__subcmd__server__subcmd__list"
                ;;
            berth__subcmd__server,logs)
                cmd="berth__subcmd__server__subcmd__logs"
                ;;
            berth__subcmd__server,show)
                cmd="berth__subcmd__server__subcmd__show"
                ;;
            berth__subcmd__server__subcmd__help,delete)
                cmd="berth__subcmd__server__subcmd__help__subcmd__delete"
                ;;
            berth__subcmd__server__subcmd__help,help)
                cmd="berth__subcmd__server__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__server__subcmd__help,list)
                cmd="berth__subcmd__server__subcmd__help__subcmd__list"
                ;;
            berth__subcmd__server__subcmd__help,logs)
                cmd="berth__subcmd__server__subcmd__help__subcmd__logs"
                ;;
            berth__subcmd__server__subcmd__help,show)
                cmd="berth__subcmd__server__subcmd__help__subcmd__show"
                ;;
            berth__subcmd__stack,create)
                cmd="berth__subcmd__stack__subcmd__create"
                ;;
            berth__subcmd__stack,delete)
                cmd="berth__subcmd__stack__subcmd__delete"
                ;;
            berth__subcmd__stack,events)
                cmd="berth__subcmd__stack__subcmd__events"
                ;;
            berth__subcmd__stack,help)
                cmd="berth__subcmd__stack__subcmd__help"
                ;;
            berth__subcmd__stack,list)
                cmd="berth__subcmd__stack__subcmd__list"
                ;;
            berth__subcmd__stack,outputs)
                cmd="berth__subcmd__stack__subcmd__outputs"
                ;;
            berth__subcmd__stack,show)
                cmd="berth__subcmd__stack__subcmd__show"
                ;;
            berth__subcmd__stack,template)
                cmd="berth__subcmd__stack__subcmd__template"
                ;;
            berth__subcmd__stack,update)
                cmd="berth__subcmd__stack__subcmd__update"
                ;;
            berth__subcmd__stack,validate)
                cmd="berth__subcmd__stack__subcmd__validate"
                ;;
            berth__subcmd__stack__subcmd__help,create)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__create"
                ;;
            berth__subcmd__stack__subcmd__help,delete)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__delete"
                ;;
            berth__subcmd__stack__subcmd__help,events)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__events"
                ;;
            berth__subcmd__stack__subcmd__help,help)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__help"
                ;;
            berth__subcmd__stack__subcmd__help,list)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__list"
                ;;
            berth__subcmd__stack__subcmd__help,outputs)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__outputs"
                ;;
            berth__subcmd__stack__subcmd__help,show)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__show"
                ;;
            berth__subcmd__stack__subcmd__help,template)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__template"
                ;;
            berth__subcmd__stack__subcmd__help,update)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__update"
                ;;
            berth__subcmd__stack__subcmd__help,validate)
                cmd="berth__subcmd__stack__subcmd__help__subcmd__validate"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        berth)
            opts="-V -o -c -q -v -h --version --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help auth catalog config image boot server registry gaps stack completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__auth)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help token revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__auth__subcmd__help)
            opts="token revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__auth__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__auth__subcmd__help__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__auth__subcmd__help__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__auth__subcmd__revoke)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__auth__subcmd__token)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__boot)
            opts="-o -c -q -v -h --image --flavor --network --port --fixed-ip --security-group --floating-ip --floating-network --no-network --key-name --user-data --env --command --availability-zone --count --property --volume --config-drive --force --wait --timeout --delete-on-failure --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --image)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --flavor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fixed-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-group)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --floating-ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --floating-network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user-data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --command)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --availability-zone)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__catalog)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help list show help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__catalog__subcmd__help)
            opts="list show help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__catalog__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__catalog__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__catalog__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__catalog__subcmd__list)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__catalog__subcmd__show)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__completions)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__config)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help show help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__config__subcmd__help)
            opts="show help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__config__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__config__subcmd__show)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__gaps)
            opts="-o -c -q -v -h --only --fail-on --probe-timeout --explain --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --only)
                    COMPREPLY=($(compgen -W "catalog identity compute image volumes telemetry networking orchestration magnum zun" -- "${cur}"))
                    return 0
                    ;;
                --fail-on)
                    COMPREPLY=($(compgen -W "warn fail" -- "${cur}"))
                    return 0
                    ;;
                --probe-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help)
            opts="auth catalog config image boot server registry gaps stack completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__auth)
            opts="token revoke"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__auth__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__auth__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__boot)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__catalog)
            opts="list show"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__catalog__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__catalog__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__config)
            opts="show"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__config__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__gaps)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__image)
            opts="list show sync history rollback prune"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__image__subcmd__history)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__image__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__image__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__image__subcmd__rollback)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__image__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__image__subcmd__sync)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__registry)
            opts="inspect quota tags"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__registry__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__registry__subcmd__quota)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__registry__subcmd__tags)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__server)
            opts="list show delete logs"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__server__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__server__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__server__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__server__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack)
            opts="template validate create update delete list show events outputs"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__events)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__outputs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__template)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__update)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__help__subcmd__stack__subcmd__validate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help list show sync history rollback prune help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help)
            opts="list show sync history rollback prune help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help__subcmd__history)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help__subcmd__rollback)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__help__subcmd__sync)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__history)
            opts="-o -c -q -v -h --platform --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__list)
            opts="-o -c -q -v -h --all --all-versions --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__prune)
            opts="-o -c -q -v -h --all --keep --platform --yes --dry-run --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --keep)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__rollback)
            opts="-o -c -q -v -h --to --steps --platform --dry-run --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --steps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__show)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__image__subcmd__sync)
            opts="-f -j -o -c -q -v -h --from-daemon --file --all-tags --exclude --newest --prune-missing --delete --yes --jobs --per-registry --dry-run --to --all-regions --upload-method --stores --report --for --name --visibility --property --tag --no-command-line --uncompressed-layers --force --registry-host --registry-user --registry-password-stdin --registry-cacert --registry-insecure --platform --all-platforms --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exclude)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newest)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -j)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --per-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --upload-method)
                    COMPREPLY=($(compgen -W "auto direct glance-direct" -- "${cur}"))
                    return 0
                    ;;
                --stores)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --report)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --for)
                    COMPREPLY=($(compgen -W "nova-docker zun" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --visibility)
                    COMPREPLY=($(compgen -W "private shared community public" -- "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help inspect quota tags help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__help)
            opts="inspect quota tags help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__help__subcmd__quota)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__help__subcmd__tags)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__inspect)
            opts="-o -c -q -v -h --registry-host --registry-user --registry-password-stdin --registry-cacert --registry-insecure --platform --all-platforms --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --registry-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__quota)
            opts="-o -c -q -v -h --registry-host --registry-user --registry-password-stdin --registry-cacert --registry-insecure --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --registry-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__registry__subcmd__tags)
            opts="-o -c -q -v -h --registry-host --registry-user --registry-password-stdin --registry-cacert --registry-insecure --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --registry-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --registry-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help list show delete logs help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__delete)
            opts="-o -c -q -v -h --wait --timeout --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__help)
            opts="list show delete logs help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__help__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__help__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__list)
            opts="-o -c -q -v -h --name --status --image --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__logs)
            opts="-o -c -q -v -h --lines --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --lines)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__server__subcmd__show)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help template validate create update delete list show events outputs help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__create)
            opts="-t -o -c -q -v -h --template --for --name --flavor --network --no-network --env --command --cpu --memory --restart --volume --publish --image-driver --docker-endpoint --vm-image --source --parameter --wait --timeout --delete-on-failure --dry-run --credential-ttl --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --template)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --for)
                    COMPREPLY=($(compgen -W "nova-docker zun docker-engine vm" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --flavor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --command)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-driver)
                    COMPREPLY=($(compgen -W "glance docker" -- "${cur}"))
                    return 0
                    ;;
                --docker-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --vm-image)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source)
                    COMPREPLY=($(compgen -W "registry glance" -- "${cur}"))
                    return 0
                    ;;
                --parameter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --credential-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__delete)
            opts="-o -c -q -v -h --wait --timeout --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__events)
            opts="-o -c -q -v -h --follow --timeout --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help)
            opts="template validate create update delete list show events outputs help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__events)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__outputs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__template)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__update)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__help__subcmd__validate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__list)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__outputs)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__show)
            opts="-o -c -q -v -h --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__template)
            opts="-o -c -q -v -h --name --flavor --network --no-network --env --command --cpu --memory --restart --volume --publish --image-driver --docker-endpoint --vm-image --source --for --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --flavor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --command)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-driver)
                    COMPREPLY=($(compgen -W "glance docker" -- "${cur}"))
                    return 0
                    ;;
                --docker-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --vm-image)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source)
                    COMPREPLY=($(compgen -W "registry glance" -- "${cur}"))
                    return 0
                    ;;
                --for)
                    COMPREPLY=($(compgen -W "nova-docker zun docker-engine vm" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__update)
            opts="-t -o -c -q -v -h --template --for --name --flavor --network --no-network --env --command --cpu --memory --restart --volume --publish --image-driver --docker-endpoint --vm-image --source --parameter --wait --timeout --credential-ttl --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --template)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --for)
                    COMPREPLY=($(compgen -W "nova-docker zun docker-engine vm" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --flavor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --command)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-driver)
                    COMPREPLY=($(compgen -W "glance docker" -- "${cur}"))
                    return 0
                    ;;
                --docker-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --vm-image)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source)
                    COMPREPLY=($(compgen -W "registry glance" -- "${cur}"))
                    return 0
                    ;;
                --parameter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --credential-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        berth__subcmd__stack__subcmd__validate)
            opts="-o -c -q -v -h --full --parameter --output --column --quiet --verbose --color --no-progress --wide --os-cloud --os-auth-url --os-auth-type --os-username --os-user-id --os-password --os-user-domain-name --os-user-domain-id --os-project-name --os-project-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-token --os-passcode --os-auth-methods --os-identity-provider --os-protocol --os-client-id --os-client-secret --os-discovery-endpoint --os-access-token-endpoint --os-access-token-type --os-openid-scope --os-access-token --os-region-name --os-interface --os-cacert --os-cert --os-key --insecure --no-cache --http-timeout --retries --timing --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --parameter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml value" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-passcode)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-methods)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-identity-provider)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-protocol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-discovery-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-openid-scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-access-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _berth -o nosort -o bashdefault -o default berth
else
    complete -F _berth -o bashdefault -o default berth
fi
