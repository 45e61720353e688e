; IoT Box Assistant: firewall rule for discovery.
; Windows drops inbound multicast DNS replies for apps without a rule, so discovery would find
; nothing by mDNS. The rule is scoped to this program, UDP 5353 and the local subnet; created on
; install, removed on uninstall. A per-user install is not elevated, so netsh is started through
; one UAC prompt; if the user declines, Windows asks again the first time the app listens.

!define IOTBOX_RULE "IoT Box Assistant discovery"
!define IOTBOX_ADD_RULE 'advfirewall firewall add rule name="${IOTBOX_RULE}" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" protocol=UDP localport=5353 remoteip=localsubnet enable=yes profile=private,domain'
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
!macroend

!macro customUnInstall
  !insertmacro iotboxNetsh '${IOTBOX_DELETE_RULE}'
!macroend
