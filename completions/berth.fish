complete --keep-order --exclusive --command berth --arguments "(BERTH_COMPLETE=fish berth -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
