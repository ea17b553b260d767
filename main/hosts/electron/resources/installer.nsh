; Included by electron-builder's NSIS script (electron-builder.yml, nsis.include). electron-builder
; writes `protocols` into macOS's Info.plist and the Linux desktop entry, not into the Windows
; registry, so the installer registers forum-reader:// here and the uninstaller removes it.
; SHELL_CONTEXT is HKCU for a per-user install (perMachine: false), HKLM for a per-machine one.

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\forum-reader" "" "URL:Forum Reader link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\forum-reader" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\forum-reader\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\forum-reader\shell\open\command" "" '"$appExe" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\forum-reader"
!macroend
