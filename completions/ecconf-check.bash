# bash completion for ecconf-check(1). Install as
# /usr/share/bash-completion/completions/ecconf-check (cmake --install does).
# Rule ids come from `ecconf-check --list-rules`, so they always match the installed binary.

_ecconf_check_rules()
{
    "${1:-ecconf-check}" --list-rules 2>/dev/null | cut -f1
}

_ecconf_check()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local subcommands="config dump options export eval diff"
    local input_options="-I --include-path --include-root --config --no-config --node --conf-root --stdin-filename --cluster --max-depth --max-file-size --max-include-depth --max-files"
    local check_options="-h --help --version --format --color --syntax-only --check-host --fail-on --werror --enable --disable
        --max-diagnostics --baseline --write-baseline --ignore -j --jobs --explain --list-rules $input_options"

    # The subcommand, if one was typed before the word being completed.
    local subcommand="" i
    for ((i = 1; i < cword; i++)); do
        case " $subcommands " in *" ${words[i]} "*) subcommand=${words[i]}; break ;; esac
    done

    case $prev in
        --format)
            case $subcommand in
                options|diff) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text gcc json sarif github checkstyle" -- "$cur")) ;;
            esac
            return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "error warning note" -- "$cur")); return ;;
        --resolve) COMPREPLY=($(compgen -W "set all" -- "$cur")); return ;;
        --enable|--disable|--explain)
            # A comma-separated list: complete the id after the last comma.
            local prefix="" last=$cur
            if [[ $cur == *,* ]]; then prefix=${cur%,*},; last=${cur##*,}; fi
            COMPREPLY=($(compgen -P "$prefix" -W "$(_ecconf_check_rules "${words[0]}")" -- "$last"))
            compopt -o nospace 2>/dev/null
            return ;;
        -I|--include-path|--include-root|--conf-root)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --cluster|--baseline|--write-baseline|--config|--stdin-filename)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --node|--ignore|-j|--jobs|--max-diagnostics|--max-depth|--max-file-size|--max-include-depth|--max-files)
            return ;;
    esac

    if [[ $cur == -* ]]; then
        local options=$check_options
        case $subcommand in
            config) options="-h --help --fail-on --werror --enable --disable --max-diagnostics --baseline --write-baseline --ignore -j --jobs $input_options" ;;
            dump) options="-h --help $input_options" ;;
            options) options="-h --help --format" ;;
            export) options="-h --help --values-only --resolve --show-secrets $input_options" ;;
            eval) options="-h --help --explain --show-secrets $input_options" ;;
            diff) options="-h --help --format --fail-on-restart $input_options" ;;
        esac
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    if [[ -z $subcommand ]]; then
        COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
    fi
    # Configuration files and directories.
    COMPREPLY+=($(compgen -f -X '!*.conf' -- "$cur") $(compgen -d -- "$cur"))
}

complete -F _ecconf_check ecconf-check
