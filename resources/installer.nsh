; rocketchat:// links for the Windows installer (docs/decisions.md D73). electron-builder's
; `protocols` reaches only macOS's Info.plist, so the per-user installer registers the scheme
; itself: at install, only when no app opens rocketchat:// links yet (Rocket.Chat's own
; desktop app may); at uninstall, only when the key still starts this app. The app writes the
; same key (app.setAsDefaultProtocolClient) when the person asks for the links in About.

!macro customInstall
  ReadRegStr $0 HKCR "rocketchat\shell\open\command" ""
  ${If} $0 == ""
    WriteRegStr HKCU "Software\Classes\rocketchat" "" "URL:rocketchat"
    WriteRegStr HKCU "Software\Classes\rocketchat" "URL Protocol" ""
    WriteRegStr HKCU "Software\Classes\rocketchat\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  ${EndIf}
!macroend

!macro customUnInstall
  ReadRegStr $0 HKCU "Software\Classes\rocketchat\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
    DeleteRegKey HKCU "Software\Classes\rocketchat"
  ${EndIf}
!macroend
