; IoT Box Assistant: firewall rules for the local network.
; Windows drops inbound multicast DNS replies for apps without a rule, so discovery would find
; nothing by mDNS; and "Check another device" serves a page that a tablet on the LAN must be able
; to open. Both rules are scoped to this program, the local subnet and private/domain networks
; (UDP 5353; TCP for the page, whose port is chosen when a check opens). They share one name, so
; one delete removes both. A per-user install is not elevated, so each netsh call goes through a
; UAC prompt; if the user declines, Windows asks again the first time the app listens.

!define IOTBOX_RULE "IoT Box Assistant discovery"
!define IOTBOX_ADD_RULE 'advfirewall firewall add rule name="${IOTBOX_RULE}" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" protocol=UDP localport=5353 remoteip=localsubnet enable=yes profile=private,domain'
!define IOTBOX_ADD_PAGE_RULE 'advfirewall firewall add rule name="${IOTBOX_RULE}" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" protocol=TCP remoteip=localsubnet enable=yes profile=private,domain'
!define IOTBOX_DELETE_RULE 'advfirewall firewall delete rule name="${IOTBOX_RULE}"'

!macro iotboxNetsh ARGS
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 == "Admin"
    nsExec::ExecToLog '"$SYSDIR\netsh.exe" ${ARGS}'
  ${Else}
    ExecShellWait "runas" "$SYSDIR\netsh.exe" '${ARGS}' SW_HIDE
  ${EndIf}
!macroend

!macro customInstall
  !insertmacro iotboxNetsh '${IOTBOX_DELETE_RULE}'
  !insertmacro iotboxNetsh '${IOTBOX_ADD_RULE}'
  !insertmacro iotboxNetsh '${IOTBOX_ADD_PAGE_RULE}'
!macroend

!macro customUnInstall
  !insertmacro iotboxNetsh '${IOTBOX_DELETE_RULE}'
!macroend
