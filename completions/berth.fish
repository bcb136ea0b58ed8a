# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_berth_global_optspecs
    string join \n o/output= c/column= q/quiet v/verbose color= no-progress h/help V/version
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
complete -c berth -n "__fish_berth_needs_command" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_needs_command" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_needs_command" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_needs_command" -s V -l version -d 'Print version'
complete -c berth -n "__fish_berth_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c berth -n "__fish_berth_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand completions" -s o -l output -d 'Output format: a table for people, json/yaml for programs, value for shell scripts' -r -f -a "table\t''
json\t''
yaml\t''
value\t''"
complete -c berth -n "__fish_berth_using_subcommand completions" -s c -l column -d 'Show only this column (repeatable), as `openstack -c`' -r
complete -c berth -n "__fish_berth_using_subcommand completions" -l color -d 'When to colour stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c berth -n "__fish_berth_using_subcommand completions" -s q -l quiet -d 'Print nothing on stderr but errors: no progress, no warnings'
complete -c berth -n "__fish_berth_using_subcommand completions" -s v -l verbose -d 'Log what berth does on stderr (-vv for more); secrets are always redacted'
complete -c berth -n "__fish_berth_using_subcommand completions" -l no-progress -d 'Never draw progress bars (they are only drawn when stderr is a terminal and CI is unset)'
complete -c berth -n "__fish_berth_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c berth -n "__fish_berth_using_subcommand completions" -s V -l version -d 'Print version'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from completions help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
