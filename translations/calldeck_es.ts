<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ActionConfirmDialog</name>
    <message>
        <location filename="../ui/actionconfirmdialog.cpp" line="+51"/>
        <source>Bridge (click-to-dial)</source>
        <translation>Puentear (click-to-dial)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: confirm</source>
        <translation>%1: confirmar</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> per second</source>
        <translation> por segundo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs are acted on one after the other at most this fast, so a proxy is never flooded; the run can be cancelled.</source>
        <translation>Se actúa sobre los diálogos uno tras otro, como máximo a este ritmo, para no saturar nunca un proxy; la ejecución se puede cancelar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send at most</source>
        <translation>Enviar como máximo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From → To</source>
        <translation>From → To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>Propietario</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Will go via</source>
        <translation>Se enviará por</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Terminate</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminate caller side</source>
        <translation>Terminar lado del llamante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminate callee side</source>
        <translation>Terminar lado del llamado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change timeout</source>
        <translation>Cambiar tiempo de espera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set profile</source>
        <translation>Asignar perfil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unset profile</source>
        <translation>Quitar perfil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set variable</source>
        <translation>Asignar variable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bridge</source>
        <translation>Puentear</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Both parties</source>
        <translation>Ambas partes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller (From)</source>
        <translation>Llamante (From)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callee (To)</source>
        <translation>Llamado (To)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send the REFER to</source>
        <translation>Enviar el REFER a</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send a BYE to</source>
        <translation>Enviar un BYE a</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. sip:1001@example.com</source>
        <translation>p. ej. sip:1001@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The party chosen above is asked (REFER) to call this URI.</source>
        <translation>Se pide a la parte elegida arriba (REFER) que llame a esta URI.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer to</source>
        <translation>Transferir a</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialog&apos;s lifetime from now; when it runs out the call is ended with a BYE to both parties.</source>
        <translation>La vida útil del diálogo a partir de ahora; cuando se agota, la llamada se finaliza con un BYE a ambas partes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New timeout</source>
        <translation>Nuevo tiempo de espera</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>empty for a profile without values</source>
        <translation>vacío para un perfil sin valores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>e.g. sip:alice@example.com</source>
        <translation>p. ej. sip:alice@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. sip:bob@example.com</source>
        <translation>p. ej. sip:bob@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Called first; when it answers it is asked (REFER) to call the second party.</source>
        <translation>Se llama primero; cuando contesta, se le pide (REFER) que llame a la segunda parte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call first</source>
        <translation>Llamar primero a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Then connect to</source>
        <translation>Después conectar con</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+12"/>
        <source>no dialog control</source>
        <translation>sin control de diálogos</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped: %1</source>
        <translation>omitido: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>… and %n more dialog(s) not listed here.</source>
        <translation>
            <numerusform>… y %n diálogo más que no se lista aquí.</numerusform>
            <numerusform>… y %n diálogos más que no se listan aquí.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>End this call with a BYE to both parties.</source>
        <translation>Finalizar esta llamada con un BYE a ambas partes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End these %1 calls with a BYE to both parties.</source>
        <translation>Finalizar estas %1 llamadas con un BYE a ambas partes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send a BYE to the caller of this call.</source>
        <translation>Enviar un BYE al llamante de esta llamada.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the caller of these %1 calls.</source>
        <translation>Enviar un BYE al llamante de estas %1 llamadas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send a BYE to the callee of this call.</source>
        <translation>Enviar un BYE al llamado de esta llamada.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the callee of these %1 calls.</source>
        <translation>Enviar un BYE al llamado de estas %1 llamadas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfer this call with a REFER.</source>
        <translation>Transferir esta llamada con un REFER.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer these %1 calls with a REFER.</source>
        <translation>Transferir estas %1 llamadas con un REFER.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the timeout of this dialog.</source>
        <translation>Cambiar el tiempo de espera de este diálogo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the timeout of these %1 dialogs.</source>
        <translation>Cambiar el tiempo de espera de estos %1 diálogos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add this dialog to a profile.</source>
        <translation>Añadir este diálogo a un perfil.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add these %1 dialogs to a profile.</source>
        <translation>Añadir estos %1 diálogos a un perfil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this dialog from a profile.</source>
        <translation>Quitar este diálogo de un perfil.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove these %1 dialogs from a profile.</source>
        <translation>Quitar estos %1 diálogos de un perfil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a variable on this dialog.</source>
        <translation>Asignar una variable a este diálogo.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set a variable on these %1 dialogs.</source>
        <translation>Asignar una variable a estos %1 diálogos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect two parties (click-to-dial).</source>
        <translation>Conectar dos partes (click-to-dial).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect two parties (click-to-dial) via %1.</source>
        <translation>Conectar dos partes (click-to-dial) mediante %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot bridge: %1</source>
        <translation>No se puede puentear: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter both parties as SIP URIs (sip:user@host), then confirm.</source>
        <translation>Introduzca ambas partes como URI SIP (sip:usuario@host) y confirme.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None of these dialogs can be acted on: %1</source>
        <translation>No se puede actuar sobre ninguno de estos diálogos: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the URI to transfer to (sip:, sips: or tel:), then confirm.</source>
        <translation>Introduzca la URI a la que transferir (sip:, sips: o tel:) y confirme.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the variable&apos;s name, then confirm.</source>
        <translation>Introduzca el nombre de la variable y confirme.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the profile&apos;s name as the proxy&apos;s dialog module knows it, then confirm.</source>
        <translation>Introduzca el nombre del perfil tal como lo conoce el módulo dialog del proxy y confirme.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A name cannot contain spaces.</source>
        <translation>Un nombre no puede contener espacios.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n dialog(s) will be skipped; the list says why.</source>
        <translation>
            <numerusform>Se omitirá %n diálogo; la lista indica por qué.</numerusform>
            <numerusform>Se omitirán %n diálogos; la lista indica por qué.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location line="+10"/>
        <source>%1 (%n)</source>
        <translation>
            <numerusform>%1 (%n)</numerusform>
            <numerusform>%1 (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlarmListModel</name>
    <message>
        <location filename="../ui/alarmlistmodel.cpp" line="+30"/>
        <source>Critical</source>
        <translation>Crítica</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Major</source>
        <translation>Mayor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minor</source>
        <translation>Menor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>Reconocida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shelved until %1</source>
        <translation>Pospuesta hasta %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cleared %1</source>
        <translation>Borrada a las %1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>At the raise: %1
At the clear: %2</source>
        <translation>Al generarse: %1
Al borrarse: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the raise: %1
Now: %2</source>
        <translation>Al generarse: %1
Ahora: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Raised</source>
        <translation>Generada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule</source>
        <translation>Regla</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>AlarmRulesDialog</name>
    <message>
        <location filename="../ui/alarmrulesdialog.cpp" line="+20"/>
        <source>Alarm rules</source>
        <translation>Reglas de alarma</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One rule a line, as key=value words (quote values with spaces); lines starting with # are notes.
kind=profile target=PROFILE[=VALUE] threshold=N or N% (of its limit in Charts/Limits) · kind=age / early / noack seconds=N count=N · kind=silent [target=FEED] seconds=N · kind=proxy-down [target=PROXY] · kind=failure-rate threshold=X% seconds=WINDOW count=MIN-ANSWERS.
Every rule: name=&quot;…&quot; severity=critical|major|minor|warning raise=S clear=S (hold times) [hysteresis=N] [enabled=no].
Example: name=&quot;trunk nearly full&quot; kind=profile target=trunk threshold=80% severity=major clear=10</source>
        <translation>Una regla por línea, como palabras clave=valor (entrecomille los valores con espacios); las líneas que empiezan por # son notas.
kind=profile target=PROFILE[=VALUE] threshold=N o N% (de su límite en Charts/Limits) · kind=age / early / noack seconds=N count=N · kind=silent [target=FEED] seconds=N · kind=proxy-down [target=PROXY] · kind=failure-rate threshold=X% seconds=WINDOW count=MIN-ANSWERS.
Toda regla: name=&quot;…&quot; severity=critical|major|minor|warning raise=S clear=S (tiempos de retención) [hysteresis=N] [enabled=no].
Ejemplo: name=&quot;troncal casi lleno&quot; kind=profile target=trunk threshold=80% severity=major clear=10</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Fix these lines, then press OK:
%1</source>
        <translation>Corrija estas líneas y pulse Aceptar:
%1</translation>
    </message>
</context>
<context>
    <name>AlarmsPanel</name>
    <message>
        <source>No alarm rules yet: add them in Settings → Alarm rules….</source>
        <translation type="vanished">Todavía no hay reglas de alarma: añádalas en Configuración → Reglas de alarma….</translation>
    </message>
    <message>
        <location filename="../ui/alarmspanel.cpp" line="+130"/>
        <source>No alarm rules yet: add them in Settings → Alarm rules…</source>
        <translation>Todavía no hay reglas de alarma: añádalas en Configuración → Reglas de alarma…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No alarm raised so far.</source>
        <translation>Hasta ahora no se ha generado ninguna alarma.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Alarms</source>
        <translation>Alarmas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Reconocer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected alarms as seen; they stay listed until they clear</source>
        <translation>Marcar las alarmas seleccionadas como vistas; siguen en la lista hasta que se borran</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Shelve</source>
        <translation>&amp;Posponer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Silence the selected alarms&apos; rules for a while: their alarms stay listed but ask for no attention and notify nobody until then</source>
        <translation>Silenciar durante un tiempo las reglas de las alarmas seleccionadas: sus alarmas siguen en la lista, pero hasta entonces no reclaman atención ni notifican a nadie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For 15 minutes</source>
        <translation>Durante 15 minutos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 1 hour</source>
        <translation>Durante 1 hora</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 4 hours</source>
        <translation>Durante 4 horas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For 24 hours</source>
        <translation>Durante 24 horas</translation>
    </message>
</context>
<context>
    <name>AlarmsUi</name>
    <message>
        <location filename="../ui/alarmsui.cpp" line="+61"/>
        <source>%1 alarm: %2</source>
        <translation>Alarma %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n alarm(s)</source>
        <translation>
            <numerusform>%n alarma</numerusform>
            <numerusform>%n alarmas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raised alarms nobody acknowledged; click to show the Alarms list</source>
        <translation>Alarmas generadas que nadie ha reconocido; haga clic para mostrar la lista de alarmas</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Alarms</source>
        <translation>Alarmas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alarm rules…</source>
        <translation>&amp;Reglas de alarma…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the rules that raise alarms</source>
        <translation>Añadir, editar o quitar las reglas que generan alarmas</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../app/application.cpp" line="+44"/>
        <source>CallDeck %1 started (Qt %2).</source>
        <translation>CallDeck %1 iniciado (Qt %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Read-only mode (--read-only): control actions are refused.</source>
        <translation>Modo de solo lectura (--read-only): se rechazan las acciones de control.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode (set in the settings): control actions are refused.</source>
        <translation>Modo de solo lectura (activado en la configuración): se rechazan las acciones de control.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1 (settings file: %2). Until then dialogs are tracked without profile rules; restart CallDeck after the fix.</source>
        <translation>%1 (archivo de configuración: %2). Hasta entonces, los diálogos se siguen sin reglas de perfil; reinicie CallDeck tras la corrección.</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Listening for HEP and raw SIP on udp %1:%2 and tcp %1:%3.</source>
        <translation>Recibiendo HEP y SIP sin procesar en udp %1:%2 y tcp %1:%3.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Cannot listen for HEP/SIP on %1: %2</source>
        <translation>No se puede recibir HEP/SIP en %1: %2</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>%1 Dialogs are not stored until CallDeck is restarted with a working store.</source>
        <translation>%1 Los diálogos no se guardan hasta que CallDeck se reinicie con un almacén que funcione.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Change it in Settings → Mirror listeners.</source>
        <translation>Cámbielo en Configuración → Receptores del espejo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A proxy was skipped: %1. Fix its URL in Settings or on the command line.</source>
        <translation>Se omitió un proxy: %1. Corrija su URL en la configuración o en la línea de comandos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Watching proxy %1 over JSON-RPC at %2.</source>
        <translation>Vigilando el proxy %1 mediante JSON-RPC en %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CallDeck did not join the DMQ bus: %1. Start it with a free --dmq port.</source>
        <translation>CallDeck no se unió al bus DMQ: %1. Inícielo con un puerto --dmq libre.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SIP user agent on udp and tcp %1:%2: terminate, transfer and timeouts work on dialogs that only the mirror sees.</source>
        <translation>Agente de usuario SIP en udp y tcp %1:%2: la finalización, la transferencia y los tiempos de espera funcionan en los diálogos que solo ve el espejo.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The SIP user agent did not start: %1. Actions on dialogs that only the mirror sees are refused; start CallDeck with --sip ADDR:PORT on a free port.</source>
        <translation>El agente de usuario SIP no se inició: %1. Se rechazan las acciones sobre los diálogos que solo ve el espejo; inicie CallDeck con --sip ADDR:PORT en un puerto libre.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HEPv3 authentication is on (--hep-key): only HEPv3 packets that carry the key are accepted, from replayed captures too; raw SIP and other packets are dropped and counted as auth failures.</source>
        <translation>La autenticación HEPv3 está activa (--hep-key): solo se aceptan los paquetes HEPv3 que llevan la clave, también los de capturas reproducidas; el SIP sin procesar y los demás paquetes se descartan y se cuentan como fallos de autenticación.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Mirror listeners saved. This run keeps the listeners of the command line (--hep); the saved ones apply when CallDeck starts without --hep.</source>
        <translation>Receptores del espejo guardados. Esta ejecución mantiene los receptores de la línea de comandos (--hep); los guardados se aplican cuando CallDeck se inicia sin --hep.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopped listening on %1: removed in the settings.</source>
        <translation>Se dejó de recibir en %1: quitado en la configuración.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The other listeners keep running; pick another address in Settings → Mirror listeners.</source>
        <translation>Los demás receptores siguen funcionando; elija otra dirección en Configuración → Receptores del espejo.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Mirror listener settings changed: %n listener(s) running.</source>
        <translation>
            <numerusform>Receptores del espejo cambiados: %n receptor en marcha.</numerusform>
            <numerusform>Receptores del espejo cambiados: %n receptores en marcha.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Proxy settings changed: now watching %n proxy(ies).</source>
        <translation>
            <numerusform>Configuración de proxies modificada: ahora se vigila %n proxy.</numerusform>
            <numerusform>Configuración de proxies modificada: ahora se vigilan %n proxies.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Embedded HEP/raw-SIP listener switched off (--hep off).</source>
        <translation>Receptor HEP/SIP sin procesar integrado desactivado (--hep off).</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../ui/auditlogdialog.cpp" line="+35"/>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filter: user, action, Call-ID, path, result, message…</source>
        <translation>Filtro: usuario, acción, Call-ID, vía, resultado, mensaje…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export &amp;CSV…</source>
        <translation>Exportar &amp;CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;JSON lines…</source>
        <translation>Exportar líneas &amp;JSON…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>&amp;Recargar</translation>
    </message>
    <message>
        <source>Every control action attempt, from %1 (and the older %2).</source>
        <translation type="vanished">Cada intento de acción de control, tomado de %1 (y del archivo anterior %2).</translation>
    </message>
    <message>
        <source>The audit log could not be read completely (%1); check the file&apos;s permissions.</source>
        <translation type="vanished">No se pudo leer el registro de auditoría completo (%1); compruebe los permisos del archivo.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of the file are not audit entries and are not shown.</source>
        <translation type="vanished">
            <numerusform>%n línea del archivo no es una entrada de auditoría y no se muestra.</numerusform>
            <numerusform>%n líneas del archivo no son entradas de auditoría y no se muestran.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every control action attempt, from the table calldeck_audit of the store %1.</source>
        <translation>Cada intento de acción de control, de la tabla calldeck_audit del almacén %1.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The audit log could not be read completely (%1); check the store&apos;s permissions, or that its database server runs.</source>
        <translation>No se pudo leer el registro de auditoría completo (%1); compruebe los permisos del almacén o que su servidor de base de datos esté en marcha.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n row(s) of the table are not audit entries and are not shown.</source>
        <translation>
            <numerusform>%n fila de la tabla no es una entrada de auditoría y no se muestra.</numerusform>
            <numerusform>%n filas de la tabla no son entradas de auditoría y no se muestran.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 entries</source>
        <translation>%1 entradas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 entries</source>
        <translation>%1 de %2 entradas</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot write %1: %2. Choose another folder or file name.</source>
        <translation>No se puede escribir %1: %2. Elija otra carpeta u otro nombre de archivo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write %1: %2. Free some disk space or choose another folder.</source>
        <translation>No se puede escribir %1: %2. Libere espacio en disco o elija otra carpeta.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+11"/>
        <source>Export audit log</source>
        <translation>Exportar registro de auditoría</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>CSV (*.csv)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON lines (*.jsonl)</source>
        <translation>Líneas JSON (*.jsonl)</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../ui/auditlogmodel.cpp" line="+82"/>
        <source>ok</source>
        <translation>correcto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed (%1)</source>
        <translation>fallido (%1)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Call-ID %1
From tag %2
To tag %3
key %4</source>
        <translation>Call-ID %1
Tag de From %2
Tag de To %3
clave %4</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Time (UTC)</source>
        <translation>Hora (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requested by</source>
        <translation>Solicitado por</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameters</source>
        <translation>Parámetros</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Vía</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>BulkActionDialog</name>
    <message>
        <location filename="../ui/bulkactiondialog.cpp" line="+37"/>
        <source>%1 on %2 dialogs</source>
        <translation>%1 sobre %2 diálogos</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From → To</source>
        <translation>From → To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path used</source>
        <translation>Vía usada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Start no further dialog; those already sent still report their result</source>
        <translation>No iniciar más diálogos; los ya enviados siguen informando de su resultado</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent…</source>
        <translation>enviado…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ok</source>
        <translation>correcto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed (%1)</source>
        <translation>fallido (%1)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cancelled: %1 of %2 sent, %3 not sent. </source>
        <translation>Cancelado: %1 de %2 enviados, %3 sin enviar. </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Running: %1 of %2 sent at %3 per second. </source>
        <translation>En curso: %1 de %2 enviados a %3 por segundo. </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done. </source>
        <translation>Terminado. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ok, %2 failed.</source>
        <translation>%1 correctos, %2 fallidos.</translation>
    </message>
</context>
<context>
    <name>CallFlowView</name>
    <message>
        <location filename="../ui/callflowview.cpp" line="+246"/>
        <source>No messages to draw</source>
        <translation>No hay mensajes que dibujar</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>%1
%2 → %3
at %4</source>
        <extracomment>Tooltip of an arrow: %1 message, %2 sender, %3 receiver, %4 time</extracomment>
        <translation>%1
%2 → %3
a las %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A retransmission: the same message was seen before on this hop.</source>
        <translation>Una retransmisión: el mismo mensaje ya se vio antes en este salto.</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../ui/charts/chartexport.cpp" line="+49"/>
        <source>Chart exported by CallDeck</source>
        <translation>Gráfico exportado por CallDeck</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: a chart is saved as PNG or SVG. Choose a file name that ends in .png or .svg.</source>
        <translation>%1: un gráfico se guarda como PNG o SVG. Elija un nombre de archivo que termine en .png o .svg.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A chart of %1×%2 pixels cannot be drawn: choose a size from 200×120 to 10000×10000.</source>
        <translation>No se puede dibujar un gráfico de %1×%2 píxeles: elija un tamaño entre 200×120 y 10000×10000.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The chart could not be drawn as %1 (out of memory?). Try a smaller size or the other format.</source>
        <translation>No se pudo dibujar el gráfico como %1 (¿sin memoria?). Pruebe un tamaño menor o el otro formato.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write %1: %2. Choose a folder you can write to.</source>
        <translation>No se puede escribir %1: %2. Elija una carpeta en la que pueda escribir.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write %1: %2. Free some disk space or choose another folder.</source>
        <translation>No se puede escribir %1: %2. Libere espacio en disco o elija otra carpeta.</translation>
    </message>
</context>
<context>
    <name>ChartExportButton</name>
    <message>
        <location filename="../ui/chartexportbutton.cpp" line="+35"/>
        <location line="+81"/>
        <source>Export chart…</source>
        <translation>Exportar gráfico…</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+29"/>
        <source>Export chart</source>
        <translation>Exportar gráfico</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>PNG image (*.png)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawing (*.svg)</source>
        <translation>Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Save a chart as a PNG image or an SVG drawing (also in each chart&apos;s context menu)</source>
        <translation>Guardar un gráfico como imagen PNG o dibujo SVG (también en el menú contextual de cada gráfico)</translation>
    </message>
</context>
<context>
    <name>ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation type="vanished">Gráficos</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <location filename="../ui/chartspage.cpp" line="+164"/>
        <location line="+125"/>
        <source>All profiles (totals)</source>
        <translation>Todos los perfiles (totales)</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>%1 by value</source>
        <translation>%1 por valor</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Charts/Limits in the settings file: these lines are not &quot;SERIES NUMBER&quot; (e.g. &quot;trunk=gw1 30&quot;) and are ignored: %1</source>
        <translation>Charts/Limits en el archivo de configuración: estas líneas no tienen la forma «SERIES NUMBER» (p. ej. «trunk=gw1 30») y se ignoran: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No samples yet: the charts start one second after CallDeck does.</source>
        <translation>Todavía no hay muestras: los gráficos empiezan un segundo después de iniciarse CallDeck.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>1 unconfirmed</source>
        <translation>1 no confirmado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2 early</source>
        <translation>2 temprano</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3 confirmed, no ACK</source>
        <translation>3 confirmado, sin ACK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 confirmed</source>
        <translation>4 confirmado</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>new calls/s</source>
        <translation>llamadas nuevas/s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ended calls/s</source>
        <translation>llamadas terminadas/s</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Window:</source>
        <translation>&amp;Ventana:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 5 minutes</source>
        <translation>Últimos 5 minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze the charts to look at them; sampling goes on</source>
        <translation>Congelar los gráficos para examinarlos; el muestreo continúa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concurrent dialogs per profile</source>
        <translation>Diálogos simultáneos por perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls per second (mirror)</source>
        <translation>Llamadas por segundo (espejo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs by state (mirror)</source>
        <translation>Diálogos por estado (espejo)</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../ui/columnchooser.cpp" line="+144"/>
        <source>Add header column…</source>
        <translation>Añadir columna de cabecera…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a SIP header of the mirror&apos;s INVITEs (P-Asserted-Identity, Diversion, X-…)</source>
        <translation>Mostrar una cabecera SIP de los INVITE del espejo (P-Asserted-Identity, Diversion, X-…)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove header column</source>
        <translation>Quitar columna de cabecera</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reset columns</source>
        <translation>Restablecer columnas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show every column in its first place, sized to the rows</source>
        <translation>Mostrar todas las columnas en su posición original, ajustadas a las filas</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the name of a SIP header, e.g. P-Asserted-Identity.</source>
        <translation>Escriba el nombre de una cabecera SIP, p. ej. P-Asserted-Identity.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a SIP header name: use letters, digits and - . ! % * _ + ` &apos; ~ only (at most 64), e.g. X-Account.</source>
        <translation>«%1» no es un nombre de cabecera SIP: use solo letras, dígitos y - . ! % * _ + ` &apos; ~ (64 como máximo), p. ej. X-Account.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is a column already; pick another header.</source>
        <translation>%1 ya es una columna; elija otra cabecera.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 header columns: remove one first.</source>
        <translation>Como máximo %1 columnas de cabecera: quite una primero.</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+9"/>
        <source>Add header column</source>
        <translation>Añadir columna de cabecera</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>SIP header of the initial INVITE to show (mirror dialogs that start from now on):</source>
        <translation>Cabecera SIP del INVITE inicial que se mostrará (diálogos del espejo que empiecen a partir de ahora):</translation>
    </message>
</context>
<context>
    <name>CommandLineOptions</name>
    <message>
        <location filename="../app/commandlineoptions.cpp" line="+38"/>
        <source>CallDeck, a live SIP dialog console. Without feed options it uses the embedded default: a HEP/raw-SIP listener on 127.0.0.1:9060 (UDP and TCP) and an SQLite store in the user&apos;s data directory.</source>
        <translation>CallDeck, una consola de diálogos SIP en directo. Sin opciones de fuente usa la configuración integrada: un receptor HEP/SIP sin procesar en 127.0.0.1:9060 (UDP y TCP) y un almacén SQLite en el directorio de datos del usuario.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run the engine without a window; stop cleanly on SIGINT/SIGTERM.</source>
        <translation>Ejecutar el motor sin ventana; detenerse limpiamente con SIGINT/SIGTERM.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listen for HEP (v1/v2/v3) and raw SIP on UDP and TCP; repeatable. &quot;off&quot; disables the embedded listener.</source>
        <translation>Escuchar HEP (v1/v2/v3) y SIP sin procesar en UDP y TCP; repetible. «off» desactiva el receptor integrado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept only HEPv3 packets carrying this auth key.</source>
        <translation>Aceptar solo paquetes HEPv3 que lleven esta clave de autenticación.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read a pcap/pcapng file as fast as possible.</source>
        <translation>Leer un archivo pcap/pcapng lo más rápido posible.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --replay: keep the recorded pace.</source>
        <translation>Con --replay: mantener el ritmo grabado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --headless and --replay: exit when the replay is done.</source>
        <translation>Con --headless y --replay: salir cuando termine la reproducción.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a proxy JSON-RPC feed, e.g. http://user:pw@127.0.0.1:5071/RPC; repeatable.</source>
        <translation>Añadir la fuente JSON-RPC de un proxy, p. ej. http://user:pw@127.0.0.1:5071/RPC; repetible.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a proxy read from its dialog database (Kamailio&apos;s dialog table, read-only, no actions), e.g. sqlite:///var/lib/kamailio/kamailio.sqlite#kam1 or postgresql://user:pw@host/kamailio; repeatable.</source>
        <translation>Añadir un proxy leído de su base de datos de diálogos (la tabla dialog de Kamailio, solo lectura, sin acciones), p. ej. sqlite:///var/lib/kamailio/kamailio.sqlite#kam1 o postgresql://user:pw@host/kamailio; repetible.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Join a Kamailio DMQ bus as a passive node at this UDP address and receive the cluster&apos;s dialogs as they change (needs --dmq-notify).</source>
        <translation>Unirse a un bus DMQ de Kamailio como nodo pasivo en esta dirección UDP y recibir los diálogos del clúster a medida que cambian (requiere --dmq-notify).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --dmq: the DMQ address of a Kamailio node to register with (its dmq server_address); repeatable.</source>
        <translation>Con --dmq: la dirección DMQ de un nodo de Kamailio en el que registrarse (su server_address de dmq); repetible.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --dmq: ping every node this often to see it is up (default 10).</source>
        <translation>Con --dmq: enviar un ping a cada nodo con esta frecuencia para comprobar que está en línea (predeterminado: 10).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --dmq: KDMQ requests per second one node may send; more are refused (default 20000).</source>
        <translation>Con --dmq: solicitudes KDMQ por segundo que puede enviar un nodo; las demás se rechazan (predeterminado: 20000).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --headless: answer Kamailio-compatible JSON-RPC at http://ADDR:PORT/RPC.</source>
        <translation>Con --headless: responder JSON-RPC compatible con Kamailio en http://ADDR:PORT/RPC.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --serve-rpc: every request must carry &apos;Authorization: Bearer TOKEN&apos;; needed to serve on an address other than loopback.</source>
        <translation>Con --serve-rpc: cada petición debe llevar &apos;Authorization: Bearer TOKEN&apos;; necesario para servir en una dirección distinta de loopback.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --serve-rpc: compact JSON replies instead of tab-indented ones.</source>
        <translation>Con --serve-rpc: respuestas JSON compactas en lugar de sangradas con tabuladores.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local socket for the in-dialog requests the console sends itself.</source>
        <translation>Socket local para las peticiones dentro del diálogo que envía la propia consola.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog store: sqlite:///path or postgresql://user:pw@host/db.</source>
        <translation>Almacén de diálogos: sqlite:///ruta o postgresql://user:pw@host/bd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store mode as the dialog module&apos;s db_mode: 0 none, 1 real-time, 2 delayed, 3 on shutdown.</source>
        <translation>Modo de almacenamiento como el db_mode del módulo dialog: 0 ninguno, 1 en tiempo real, 2 diferido, 3 al apagar.</translation>
    </message>
    <message>
        <source>Write a snapshot on exit: .json (dlg.list shape), .csv or .pcap.</source>
        <translation type="vanished">Escribir una instantánea al salir: .json (forma de dlg.list), .csv o .pcap.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write on exit: .json (dlg.list shape), .csv, .pcap (every dialog&apos;s messages), an incident pack .tar/.tar.gz or a snapshot .cdsnap (File → Open snapshot).</source>
        <translation>Escribir al salir: .json (forma de dlg.list), .csv, .pcap (los mensajes de cada diálogo), un paquete de incidencia .tar/.tar.gz o una instantánea .cdsnap (Archivo → Abrir instantánea).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print one JSON summary line on exit (messages, dialogs, rates, drops).</source>
        <translation>Imprimir una línea de resumen JSON al salir (mensajes, diálogos, tasas, pérdidas).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse every control action.</source>
        <translation>Rechazar toda acción de control.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User-interface language, e.g. de, fr or es (default: system).</source>
        <translation>Idioma de la interfaz, p. ej. de, fr o es (predeterminado: el del sistema).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A snapshot file to open (File → Open snapshot…).</source>
        <translation>Un archivo de instantánea que abrir (Archivo → Abrir instantánea…).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: %1 Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck: %1 Ejecute «calldeck --help» para ver la lista de opciones.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>calldeck: unexpected argument &apos;%1&apos;; options start with --. Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck: argumento inesperado «%1»; las opciones empiezan por --. Ejecute «calldeck --help» para ver la lista de opciones.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>calldeck: --hep off cannot be combined with --hep ADDR:PORT; give either listeners or off.</source>
        <translation>calldeck: --hep off no se puede combinar con --hep ADDR:PORT; indique receptores u off, no ambos.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>calldeck: --hep-key needs a non-empty KEY, the auth key your HEP agent sends (Kamailio: siptrace&apos;s auth_key).</source>
        <translation>calldeck: --hep-key necesita una KEY no vacía, la clave de autenticación que envía su agente HEP (Kamailio: auth_key de siptrace).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --hep-key has no effect with --hep off; drop one of them.</source>
        <translation>calldeck: --hep-key no tiene efecto con --hep off; quite una de las dos opciones.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --replay needs a pcap or pcapng FILE.</source>
        <translation>calldeck: --replay necesita un archivo FILE pcap o pcapng.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: --replay: no such file &apos;%1&apos;; check the path.</source>
        <translation>calldeck: --replay: no existe el archivo «%1»; compruebe la ruta.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay: cannot read &apos;%1&apos;; check its permissions.</source>
        <translation>calldeck: --replay: no se puede leer «%1»; compruebe sus permisos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --replay-pace only applies to --replay FILE; add --replay or drop --replay-pace.</source>
        <translation>calldeck: --replay-pace solo se aplica a --replay FILE; añada --replay o quite --replay-pace.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --exit-after-replay needs both --headless and --replay FILE.</source>
        <translation>calldeck: --exit-after-replay necesita tanto --headless como --replay FILE.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --rpc &apos;%1&apos; is not an http:// or https:// URL with a host; write e.g. --rpc http://user:pw@127.0.0.1:5071/RPC</source>
        <translation>calldeck: --rpc «%1» no es una URL http:// o https:// con un host; escriba p. ej. --rpc http://user:pw@127.0.0.1:5071/RPC</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: --rpc &apos;%1&apos;: port 0 is not allowed; use 1-65535.</source>
        <translation>calldeck: --rpc «%1»: el puerto 0 no está permitido; use 1-65535.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --proxy-db: %1</source>
        <translation>calldeck: --proxy-db: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: %1</source>
        <translation>calldeck: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --serve-rpc only works with --headless; add --headless or drop it.</source>
        <translation>calldeck: --serve-rpc solo funciona con --headless; añada --headless o quite la opción.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --rpc-token needs a non-empty TOKEN, e.g. the output of &apos;openssl rand -hex 16&apos;.</source>
        <translation>calldeck: --rpc-token necesita un TOKEN no vacío, p. ej. la salida de &apos;openssl rand -hex 16&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --rpc-token only applies to --serve-rpc ADDR:PORT; add --serve-rpc or drop --rpc-token.</source>
        <translation>calldeck: --rpc-token solo se aplica a --serve-rpc ADDR:PORT; añada --serve-rpc o quite --rpc-token.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: --rpc-compact only applies to --serve-rpc ADDR:PORT; add --serve-rpc or drop --rpc-compact.</source>
        <translation>calldeck: --rpc-compact solo se aplica a --serve-rpc ADDR:PORT; añada --serve-rpc o quite --rpc-compact.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>calldeck: --db &apos;%1&apos; is not a store URL; write sqlite:///path/to/calldeck.db or postgresql://user:pw@host:5432/dbname</source>
        <translation>calldeck: --db «%1» no es una URL de almacén; escriba sqlite:///ruta/a/calldeck.db o postgresql://user:pw@host:5432/bd</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --db-mode &apos;%1&apos; is out of range; use 0 (none), 1 (real-time), 2 (delayed) or 3 (on shutdown).</source>
        <translation>calldeck: --db-mode «%1» está fuera de rango; use 0 (ninguno), 1 (tiempo real), 2 (diferido) o 3 (al apagar).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in %2.</source>
        <translation>calldeck: --export «%1»: formato desconocido; el nombre del archivo debe terminar en %2.</translation>
    </message>
    <message>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in .json, .csv or .pcap.</source>
        <translation type="vanished">calldeck: --export «%1»: formato desconocido; el nombre del archivo debe terminar en .json, .csv o .pcap.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: --lang &apos;%1&apos; is not a language code; write e.g. --lang de, --lang fr or --lang es_MX.</source>
        <translation>calldeck: --lang «%1» no es un código de idioma; escriba p. ej. --lang de, --lang fr o --lang es_MX.</translation>
    </message>
    <message>
        <source>calldeck: %1 is not available yet (it arrives with %2); run without it.</source>
        <translation type="vanished">calldeck: %1 todavía no está disponible (llega con %2); ejecute sin esta opción.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: %1 works only with --headless so far (the console window does not write it on exit yet); add --headless or run without it.</source>
        <translation>calldeck: %1 por ahora solo funciona con --headless (la ventana de la consola todavía no lo escribe al salir); añada --headless o ejecute sin esta opción.</translation>
    </message>
    <message>
        <source>calldeck: --export to .%1 is not available yet (it arrives with issue #8); export to a .json file for now.</source>
        <translation type="vanished">calldeck: --export a .%1 todavía no está disponible (llega con la issue #8); por ahora exporte a un archivo .json.</translation>
    </message>
    <message>
        <source>the JSON-RPC feed</source>
        <translation type="vanished">la fuente JSON-RPC</translation>
    </message>
    <message>
        <source>the console&apos;s control actions</source>
        <translation type="vanished">las acciones de control de la consola</translation>
    </message>
    <message>
        <source>the dialog store</source>
        <translation type="vanished">el almacén de diálogos</translation>
    </message>
</context>
<context>
    <name>DialogActions</name>
    <message>
        <location filename="../ui/dialogactions.cpp" line="+165"/>
        <source>&amp;Terminate…</source>
        <translation>&amp;Terminar…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terminate &amp;caller side…</source>
        <translation>Terminar lado del &amp;llamante…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terminate ca&amp;llee side…</source>
        <translation>Terminar lado del llama&amp;do…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ransfer…</source>
        <translation>T&amp;ransferir…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change time&amp;out…</source>
        <translation>Cambiar tiempo de &amp;espera…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set &amp;profile…</source>
        <translation>Asignar &amp;perfil…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unset profile…</source>
        <translation>&amp;Quitar perfil…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set &amp;variable…</source>
        <translation>Asignar &amp;variable…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Bridge (click-to-dial)…</source>
        <translation>P&amp;uentear (click-to-dial)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate all matching…</source>
        <translation>Terminar todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate caller side of all matching…</source>
        <translation>Terminar lado del llamante de todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminate callee side of all matching…</source>
        <translation>Terminar lado del llamado de todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer all matching…</source>
        <translation>Transferir todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change timeout of all matching…</source>
        <translation>Cambiar tiempo de espera de todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set profile on all matching…</source>
        <translation>Asignar perfil a todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unset profile on all matching…</source>
        <translation>Quitar perfil de todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set variable on all matching…</source>
        <translation>Asignar variable a todos los coincidentes…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End the selected calls: a BYE to both parties</source>
        <translation>Finalizar las llamadas seleccionadas: un BYE a ambas partes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the caller of the selected calls</source>
        <translation>Enviar un BYE al llamante de las llamadas seleccionadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a BYE to the callee of the selected calls</source>
        <translation>Enviar un BYE al llamado de las llamadas seleccionadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer the selected calls with a REFER to one party</source>
        <translation>Transferir las llamadas seleccionadas con un REFER a una de las partes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the selected dialogs a new lifetime</source>
        <translation>Dar a los diálogos seleccionados una nueva vida útil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the selected dialogs to a profile</source>
        <translation>Añadir los diálogos seleccionados a un perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected dialogs from a profile</source>
        <translation>Quitar los diálogos seleccionados de un perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a dialog variable on the selected dialogs</source>
        <translation>Asignar una variable de diálogo a los diálogos seleccionados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call one party and connect it to another (dlg.bridge_dlg)</source>
        <translation>Llamar a una parte y conectarla con otra (dlg.bridge_dlg)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Dialog</source>
        <translation>&amp;Diálogo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All dialogs matching the filter</source>
        <translation>Todos los diálogos que &amp;coinciden con el filtro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Read-only mode</source>
        <translation>Modo de &amp;solo lectura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started with --read-only: restart CallDeck without it to allow actions</source>
        <translation>Iniciado con --read-only: reinicie CallDeck sin esta opción para permitir acciones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse every control action (kept across restarts)</source>
        <translation>Rechazar toda acción de control (se mantiene entre reinicios)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit log…</source>
        <translation>Registro de &amp;auditoría…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every control action attempt: who, when, which dialogs, which way, the result</source>
        <translation>Cada intento de acción de control: quién, cuándo, qué diálogos, por qué vía y el resultado</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Read-only mode (--read-only): every control action is refused. Restart CallDeck without --read-only to act on dialogs.</source>
        <translation>Modo de solo lectura (--read-only): se rechaza toda acción de control. Reinicie CallDeck sin --read-only para actuar sobre los diálogos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only mode: every control action is refused. Turn it off in Settings → Read-only mode to act on dialogs.</source>
        <translation>Modo de solo lectura: se rechaza toda acción de control. Desactívelo en Configuración → Modo de solo lectura para actuar sobre los diálogos.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>This window has no dialog control: actions are not available.</source>
        <translation>Esta ventana no tiene control de diálogos: las acciones no están disponibles.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+46"/>
        <source>Goes via %1</source>
        <translation>Se envía por %1</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Not possible: %1</source>
        <translation>No es posible: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No dialog matches the filter.</source>
        <translation>Ningún diálogo coincide con el filtro.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select one or more dialogs in the table first.</source>
        <translation>Seleccione primero uno o más diálogos en la tabla.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not possible for this dialog: %1</source>
        <translation>No es posible para este diálogo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not possible for any of these dialogs: %1</source>
        <translation>No es posible para ninguno de estos diálogos: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 dialogs cannot (they will be skipped): %3</source>
        <translation>%1 de %2 diálogos no lo admiten (se omitirán): %3</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n diálogo</numerusform>
            <numerusform>%n diálogos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+92"/>
        <source>%1 on %2</source>
        <translation>%1 sobre %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: done</source>
        <translation>%1: completado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: done via %2</source>
        <translation>%1: completado por %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 failed</source>
        <translation>%1 ha fallado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed (%2): %3</source>
        <translation>%1 ha fallado (%2): %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Path: %1</source>
        <translation>Vía: %1</translation>
    </message>
</context>
<context>
    <name>DialogDetailsDock</name>
    <message>
        <location filename="../ui/dialogdetailsdock.cpp" line="+91"/>
        <source>Dialog details</source>
        <translation>Detalles del diálogo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the details and call flow of the selected dialog</source>
        <translation>Mostrar u ocultar los detalles y el flujo de llamada del diálogo seleccionado</translation>
    </message>
</context>
<context>
    <name>DialogDetailsFields</name>
    <message>
        <location filename="../ui/dialogdetailsfields.cpp" line="+18"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSeq</source>
        <translation>CSeq</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route set</source>
        <translation>Route set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dialog</source>
        <translation>Diálogo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request URI</source>
        <translation>Request URI</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caller leg</source>
        <translation>Tramo del llamante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callee leg</source>
        <translation>Tramo del llamado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timers</source>
        <translation>Temporizadores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Creación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>in %1, at %2</source>
        <extracomment>The dialog&apos;s lifetime timer: %1 the time left (H:MM:SS), %2 the date and time it fires</extracomment>
        <translation>dentro de %1, el %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeout</source>
        <translation>Tiempo de espera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lifetime</source>
        <translation>Vida útil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeout route</source>
        <translation>Ruta de tiempo de espera</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog flags</source>
        <translation>Indicadores del diálogo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Script flags</source>
        <translation>Indicadores de script</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal flags</source>
        <translation>Indicadores internos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Perfiles</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no value)</source>
        <translation>(sin valor)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
</context>
<context>
    <name>DialogDetailsPane</name>
    <message>
        <location filename="../ui/dialogdetailspane.cpp" line="+305"/>
        <source>%1: %2 → %3</source>
        <extracomment>Title of the details pane: %1 the dialog&apos;s state, %2 its From URI, %3 its To URI</extracomment>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This dialog has ended and the core no longer holds it; its last known state is shown. Select another dialog in the table.</source>
        <translation>Este diálogo ha terminado y el núcleo ya no lo conserva; se muestra su último estado conocido. Seleccione otro diálogo en la tabla.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The core no longer holds this dialog. Select another dialog in the table.</source>
        <translation>El núcleo ya no conserva este diálogo. Seleccione otro diálogo en la tabla.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This dialog had ended at %1 when the snapshot was taken.</source>
        <translation>Este diálogo había terminado el %1 cuando se tomó la instantánea.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This dialog had ended when the snapshot was taken.</source>
        <translation>Este diálogo había terminado cuando se tomó la instantánea.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This dialog ended at %1. It stays in the table for a while, then moves to the history.</source>
        <translation>Este diálogo terminó el %1. Permanece un tiempo en la tabla y después pasa al historial.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This dialog has ended. It stays in the table for a while, then moves to the history.</source>
        <translation>Este diálogo ha terminado. Permanece un tiempo en la tabla y después pasa al historial.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its proxy did not answer the last poll: this may be out of date. The Sources panel says why.</source>
        <translation>Su proxy no respondió a la última consulta: estos datos pueden estar desactualizados. El panel Fuentes indica por qué.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No SIP seen on the mirror for this dialog: only the proxy %1 lists it (over JSON-RPC), so there is no call flow to draw. Send the proxy&apos;s SIP to CallDeck&apos;s mirror port to see it.</source>
        <translation>No se ha visto SIP en el espejo para este diálogo: solo lo lista el proxy %1 (mediante JSON-RPC), así que no hay flujo de llamada que dibujar. Envíe el SIP del proxy al puerto espejo de CallDeck para verlo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unknown)</source>
        <translation>(desconocido)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the call flow…</source>
        <translation>Leyendo el flujo de llamada…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No messages of this dialog are kept: the message history is off, or they were dropped to stay within its memory cap.</source>
        <translation>No se conserva ningún mensaje de este diálogo: el historial de mensajes está desactivado o se descartaron para no superar su límite de memoria.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Showing the newest %1 messages; older ones were dropped (the history keeps %1 per dialog).</source>
        <translation>Se muestran los %1 mensajes más recientes; los anteriores se descartaron (el historial conserva %1 por diálogo).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Call flow (%1)</source>
        <translation>Flujo de llamada (%1)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialog</source>
        <translation>Diálogo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click an arrow of the call flow (or move with Up and Down) to see its message.</source>
        <translation>Haga clic en una flecha del flujo de llamada (o desplácese con Arriba y Abajo) para ver su mensaje.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n dialogs selected: select one to see its legs, timers and call flow.</source>
        <translation>
            <numerusform>%n diálogo seleccionado: seleccione uno para ver sus tramos, temporizadores y flujo de llamada.</numerusform>
            <numerusform>%n diálogos seleccionados: seleccione uno para ver sus tramos, temporizadores y flujo de llamada.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a dialog in the table to see its legs, timers and call flow.</source>
        <translation>Seleccione un diálogo en la tabla para ver sus tramos, temporizadores y flujo de llamada.</translation>
    </message>
</context>
<context>
    <name>DialogFormat</name>
    <message>
        <location filename="../ui/models/dialogformat.cpp" line="+60"/>
        <source>Unconfirmed</source>
        <translation>No confirmado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Early</source>
        <translation>Temprano</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed (no ACK)</source>
        <translation>Confirmado (sin ACK)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown (%1)</source>
        <translation>Desconocido (%1)</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contact: %1</source>
        <translation>Contact: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag: %1</source>
        <translation>Tag: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSeq: %1</source>
        <translation>CSeq: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Socket: %1</source>
        <translation>Socket: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route set: %1</source>
        <translation>Route set: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>stale</source>
        <translation>desactualizado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ended on wire</source>
        <translation>terminado en la red</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not on proxy</source>
        <translation>ausente en el proxy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ghost?</source>
        <translation>¿fantasma?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Seen on the mirror and listed by the proxy (its h_entry %1, h_id %2).</source>
        <translation>Visto en el espejo y listado por el proxy (su h_entry %1, h_id %2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stale: the proxy did not answer its last poll; this is the last state it reported.</source>
        <translation>Desactualizado: el proxy no respondió a su última consulta; este es el último estado que informó.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The mirror saw this call end, but the proxy still lists it.</source>
        <translation>El espejo vio terminar esta llamada, pero el proxy aún la lista.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seen on the mirror, but no polled proxy lists it.</source>
        <translation>Visto en el espejo, pero ningún proxy consultado lo lista.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No in-dialog traffic for a long time: possibly a ghost dialog.</source>
        <translation>Sin tráfico dentro del diálogo desde hace mucho: posiblemente un diálogo fantasma.</translation>
    </message>
    <message>
        <location filename="../ui/models/dialogtablemodel.cpp" line="+84"/>
        <source>%1 (state %2) since %3</source>
        <translation>%1 (estado %2) desde %3</translation>
    </message>
</context>
<context>
    <name>DialogHistoryModel</name>
    <message>
        <location filename="../ui/models/dialoghistorymodel.cpp" line="+114"/>
        <source>Answered %1</source>
        <translation>Contestada el %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not answered</source>
        <translation>No contestada</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Caller
%1</source>
        <translation>Llamante
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee
%1</source>
        <translation>Llamado
%1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Perfiles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller contact</source>
        <translation>Contacto del llamante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee contact</source>
        <translation>Contacto del llamado</translation>
    </message>
</context>
<context>
    <name>DialogTableModel</name>
    <message>
        <location filename="../ui/models/dialogtablemodel.cpp" line="+6"/>
        <source>Ended: the row leaves the table shortly.</source>
        <translation>Finalizado: la fila saldrá pronto de la tabla.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not answered</source>
        <translation>No contestada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered %1</source>
        <translation>Contestada el %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In this state since %1</source>
        <translation>En este estado desde el %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No lifetime timer (lifetime %1 s)</source>
        <translation>Sin temporizador de vida útil (vida útil %1 s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires %1 (lifetime %2 s)</source>
        <translation>Vence el %1 (vida útil %2 s)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>h_entry %1, h_id %2</source>
        <translation>h_entry %1, h_id %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Caller
%1</source>
        <translation>Llamante
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee
%1</source>
        <translation>Llamado
%1</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>SIP header %1 of the initial INVITE (mirror dialogs only)</source>
        <translation>Cabecera SIP %1 del INVITE inicial (solo diálogos del espejo)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dialog state (dlg.list state 1-5)</source>
        <translation>Estado del diálogo (estado de dlg.list 1-5)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call-ID</source>
        <translation>Call-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From URI</source>
        <translation>URI From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To URI</source>
        <translation>URI To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time since the 2xx answer (to the end once ended)</source>
        <translation>Tiempo desde la respuesta 2xx (hasta el final, una vez terminado)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time spent in the current state</source>
        <translation>Tiempo transcurrido en el estado actual</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State age</source>
        <translation>Tiempo en estado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time left on the lifetime timer</source>
        <translation>Tiempo restante del temporizador de vida útil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Timeout</source>
        <translation>Tiempo de espera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles</source>
        <translation>Perfiles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the dialog was seen: the mirror, a proxy, a cluster node</source>
        <translation>Dónde se vio el diálogo: el espejo, un proxy, un nodo del clúster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>h_entry:h_id</source>
        <translation>h_entry:h_id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caller contact</source>
        <translation>Contacto del llamante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callee contact</source>
        <translation>Contacto del llamado</translation>
    </message>
</context>
<context>
    <name>DmqHealthText</name>
    <message>
        <location filename="../ui/dmqhealthtext.cpp" line="+19"/>
        <source>DMQ bus</source>
        <extracomment>The row of CallDeck&apos;s own node on a Kamailio DMQ bus (--dmq)</extracomment>
        <translation>Bus DMQ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DMQ node (notify)</source>
        <extracomment>A DMQ node that CallDeck announces itself to (--dmq-notify)</extracomment>
        <translation>Nodo DMQ (notify)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DMQ node</source>
        <translation>Nodo DMQ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timeout</source>
        <translation>Tiempo agotado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · no node yet</source>
        <extracomment>The bus row: CallDeck&apos;s own node knows no other node yet</extracomment>
        <translation>%1 · todavía ningún nodo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 of %3 nodes up</source>
        <extracomment>The bus row: %1 CallDeck&apos;s own status, %2 of the %3 nodes of the cluster are active</extracomment>
        <translation>%1 · %2 de %3 nodos activos</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n diálogo</numerusform>
            <numerusform>%n diálogos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CallDeck&apos;s own node on the bus: %1</source>
        <translation>Nodo propio de CallDeck en el bus: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs from the whole cluster: %1</source>
        <translation>Diálogos de todo el clúster: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owners: %1 certain, %2 from the nodes&apos; h_id series (step %3), %4 not known yet</source>
        <translation>Propietarios: %1 seguros, %2 deducidos de las series h_id de los nodos (paso %3), %4 aún desconocidos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Owners: %1 certain, %2 not known yet (shown under the node that sent a copy)</source>
        <translation>Propietarios: %1 seguros, %2 aún desconocidos (mostrados bajo el nodo que envió una copia)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notification peer (--dmq-notify): CallDeck announces itself here and learns the other nodes from its answer.</source>
        <translation>Par de notificación (--dmq-notify): CallDeck se anuncia aquí y conoce los demás nodos por su respuesta.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dialogs it owns: %1</source>
        <translation>Diálogos propios del nodo: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Messages: %1, %2/s (UPDATE %3 · STATE %4 · RM %5 · SYNC %6 · node lists and pings %7)</source>
        <translation>Mensajes: %1, %2/s (UPDATE %3 · STATE %4 · RM %5 · SYNC %6 · listas de nodos y pings %7)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last message: %1</source>
        <translation>Último mensaje: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last message: %1 · last answer to a ping: %2</source>
        <translation>Último mensaje: %1 · última respuesta a un ping: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Last sync: %1, %n dialog(s)</source>
        <translation>
            <numerusform>Última sincronización: %1, %n diálogo</numerusform>
            <numerusform>Última sincronización: %1, %n diálogos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last sync: none yet</source>
        <translation>Última sincronización: ninguna todavía</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected: %1 (malformed or unknown) · flood drops: %2 (over the rate limit)</source>
        <translation>Rechazados: %1 (malformados o desconocidos) · descartes por saturación: %2 (por encima del límite de tasa)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n ping(s) in a row without an answer</source>
        <translation>
            <numerusform>%n ping seguido sin respuesta</numerusform>
            <numerusform>%n pings seguidos sin respuesta</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last error: %1</source>
        <translation>Último error: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: CallDeck is not on the bus. Check --dmq and --dmq-notify, and that the notification peer&apos;s dmq module listens on that address.</source>
        <translation>%1: CallDeck no está en el bus. Compruebe --dmq y --dmq-notify, y que el módulo dmq del par de notificación escuche en esa dirección.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: no answer to the pings. Check that the proxy runs and that its dmq module listens on this address.</source>
        <translation>%1: sin respuesta a los pings. Compruebe que el proxy esté en marcha y que su módulo dmq escuche en esta dirección.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the node left the bus or stopped answering; its dialogs are stale. Restart it, or remove it on a peer with kamcmd dmq.remove.</source>
        <translation>%1: el nodo abandonó el bus o dejó de responder; sus diálogos están desactualizados. Reinícielo o elimínelo en un par con kamcmd dmq.remove.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: see the event log.</source>
        <translation>%1: vea el registro de eventos.</translation>
    </message>
</context>
<context>
    <name>EmptyStatePanel</name>
    <message>
        <location filename="../ui/emptystatepanel.cpp" line="+216"/>
        <source>No dialogs yet</source>
        <translation>Todavía no hay diálogos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck lists every SIP dialog it sees, live, and lets you act on it. Give it SIP in one of these ways:</source>
        <translation>CallDeck muestra en directo cada diálogo SIP que ve y le permite actuar sobre él. Proporciónele SIP de una de estas formas:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No dialogs right now</source>
        <translation>Ningún diálogo en este momento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dialogs seen so far: %1; all of them have ended. CallDeck lists every new one live as soon as SIP arrives in one of these ways:</source>
        <translation>Diálogos vistos hasta ahora: %1; todos han terminado. CallDeck muestra cada nuevo diálogo en directo en cuanto llega SIP de una de estas formas:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1. Mirror a Kamailio proxy</source>
        <translation>1. Reflejar un proxy Kamailio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add these lines to %1 and restart Kamailio. The siptrace module then copies every SIP message it receives or sends, as HEPv3, to CallDeck&apos;s mirror port %2.</source>
        <translation>Añada estas líneas a %1 y reinicie Kamailio. El módulo siptrace copiará entonces cada mensaje SIP que reciba o envíe, como HEPv3, al puerto espejo %2 de CallDeck.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy these lines to the clipboard</source>
        <translation>Copiar estas líneas al portapapeles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck listens on this port unless it was started with other --hep options or --hep off; the Sources panel shows whether the port is open.</source>
        <translation>CallDeck escucha en este puerto salvo que se haya iniciado con otras opciones --hep o con --hep off; el panel Fuentes muestra si el puerto está abierto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>2. Replay a capture</source>
        <translation>2. Reproducir una captura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose %1 (%2) to replay a pcap or pcapng file.</source>
        <translation>Elija %1 (%2) para reproducir un archivo pcap o pcapng.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File → Open capture…</source>
        <translation>Archivo → Abrir captura…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open capture…</source>
        <translation>Abrir captura…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>3. Poll a proxy&apos;s JSON-RPC</source>
        <translation>3. Consultar el JSON-RPC de un proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start CallDeck with %1 (repeatable, one per proxy), e.g. %2. The proxy needs the jsonrpcs and xhttp modules; for transfers, timeout changes, profiles and variables also include %3 in its config. Proxies appear in the Sources panel with their health.</source>
        <translation>Inicie CallDeck con %1 (repetible, una vez por proxy), p. ej. %2. El proxy necesita los módulos jsonrpcs y xhttp; para transferencias, cambios de tiempo de espera, perfiles y variables, incluya también %3 en su configuración. Los proxies aparecen en el panel Fuentes con su estado de salud.</translation>
    </message>
    <message>
        <source>Watching a proxy through Kamailio&apos;s jsonrpcs module (%1, repeatable for several proxies) is not available yet: it arrives with the proxy feed (issue #5). Until then, mirror the proxy (1.) or replay a capture (2.).</source>
        <translation type="vanished">Vigilar un proxy mediante el módulo jsonrpcs de Kamailio (%1, repetible para varios proxies) aún no está disponible: llega con el flujo de proxy (issue #5). Mientras tanto, refleje el proxy (1.) o reproduzca una captura (2.).</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../app/engine.cpp" line="+98"/>
        <source>That is the default listener; pick another with --hep ADDR:PORT, or switch it off with --hep off.</source>
        <translation>Es el receptor predeterminado; elija otro con --hep ADDR:PORT o desactívelo con --hep off.</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <location filename="../ui/eventlogmodel.cpp" line="+116"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <location filename="../ui/exportmenu.cpp" line="+61"/>
        <source>Export table as CSV</source>
        <translation>Exportar tabla como CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export table as JSON</source>
        <translation>Exportar tabla como JSON</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+123"/>
        <source>Export selected dialogs as pcap</source>
        <translation>Exportar diálogos seleccionados como pcap</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Captures (*.pcap)</source>
        <translation>Capturas (*.pcap)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table as &amp;CSV…</source>
        <translation>Tabla como &amp;CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs the filter shows, with the visible columns, as a spreadsheet file</source>
        <translation>Los diálogos que muestra el filtro, con las columnas visibles, como archivo de hoja de cálculo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table as &amp;JSON…</source>
        <translation>Tabla como &amp;JSON…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dialogs the filter shows, in the shape of Kamailio&apos;s dlg.list</source>
        <translation>Los diálogos que muestra el filtro, con la forma del dlg.list de Kamailio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected dialogs as &amp;pcap…</source>
        <translation>Diálogos seleccionados como &amp;pcap…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected dialogs&apos; SIP messages as a capture for Wireshark</source>
        <translation>Los mensajes SIP de los diálogos seleccionados como captura para Wireshark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Incident pack…</source>
        <translation>Paquete de &amp;incidencia…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One archive with the table, the dialogs, their messages, the charts and a manifest</source>
        <translation>Un archivo comprimido con la tabla, los diálogos, sus mensajes, los gráficos y un manifiesto</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This window reads no dialog core, so there are no messages to export.</source>
        <translation>Esta ventana no lee ningún núcleo de diálogos, así que no hay mensajes que exportar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No dialog is selected. Select the dialogs whose messages you want in the table (Ctrl+click adds more), then choose Export → Selected dialogs as pcap… again.</source>
        <translation>No hay ningún diálogo seleccionado. Seleccione en la tabla los diálogos cuyos mensajes quiere (Ctrl+clic añade más) y vuelva a elegir Exportar → Diálogos seleccionados como pcap….</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The selected dialogs are known only from a proxy&apos;s dlg.list: none of their messages reached CallDeck&apos;s mirror port. Let the proxy mirror its SIP to CallDeck (siptrace or HEP) to capture the messages of new calls.</source>
        <translation>Los diálogos seleccionados solo se conocen por el dlg.list de un proxy: ninguno de sus mensajes llegó al puerto del espejo de CallDeck. Haga que el proxy refleje su SIP hacia CallDeck (siptrace o HEP) para capturar los mensajes de las llamadas nuevas.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Another export is still running; wait for it or cancel it, then export again.</source>
        <translation>Todavía hay otra exportación en curso; espere a que termine o cancélela y vuelva a exportar.</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <location filename="../ui/exportrunner.cpp" line="+100"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The export to %1 was cancelled; nothing was written.</source>
        <translation>Se canceló la exportación a %1; no se escribió nada.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The export to %1 stopped: the dialog core did not answer in time, so nothing was written. Try again in a moment, or export fewer dialogs.</source>
        <translation>La exportación a %1 se detuvo: el núcleo de diálogos no respondió a tiempo, así que no se escribió nada. Vuelva a intentarlo en un momento o exporte menos diálogos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be written (%2). Choose a folder you can write to, or free some space, and export again.</source>
        <translation>No se pudo escribir %1 (%2). Elija una carpeta en la que pueda escribir o libere espacio, y vuelva a exportar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The export to %1 could not be made (%2).</source>
        <translation>No se pudo realizar la exportación a %1 (%2).</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Exported %n dialog(s) to %1</source>
        <translation>
            <numerusform>%n diálogo exportado a %1</numerusform>
            <numerusform>%n diálogos exportados a %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Exported %n message(s) to %1</source>
        <translation>
            <numerusform>%n mensaje exportado a %1</numerusform>
            <numerusform>%n mensajes exportados a %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Incident pack with %n dialog(s) written to %1</source>
        <translation>
            <numerusform>Paquete de incidencia con %n diálogo escrito en %1</numerusform>
            <numerusform>Paquete de incidencia con %n diálogos escrito en %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source> (%n message(s) too large for a UDP frame left out)</source>
        <translation>
            <numerusform> (se omitió %n mensaje demasiado grande para una trama UDP)</numerusform>
            <numerusform> (se omitieron %n mensajes demasiado grandes para una trama UDP)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>Error en la exportación</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../ui/filterbar.cpp" line="+77"/>
        <location line="+258"/>
        <location line="+110"/>
        <source>any value</source>
        <translation>cualquier valor</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+110"/>
        <source>(empty value)</source>
        <translation>(valor vacío)</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1 of %2 dialogs</source>
        <extracomment>%1 dialogs the filter shows, %2 all the table&apos;s dialogs</extracomment>
        <translation>%1 de %2 diálogos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 dialog</source>
        <translation>1 diálogo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 dialogs</source>
        <translation>%1 diálogos</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Any state</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+73"/>
        <source>Mirror</source>
        <translation>Espejo</translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+53"/>
        <source>Saved filters</source>
        <translation>Filtros guardados</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Save filter</source>
        <translation>Guardar filtro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name for the current filter (a saved filter of that name is replaced):</source>
        <translation>Nombre del filtro actual (se sustituye el filtro guardado que tenga ese nombre):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search Call-ID, From, To, profiles, origin, contacts, headers (Ctrl+F)</source>
        <translation>Buscar Call-ID, From, To, perfiles, origen, contactos, cabeceras (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the dialogs whose texts contain this, in any case; Esc clears every filter</source>
        <translation>Muestra los diálogos cuyos textos contienen esto, sin distinguir mayúsculas de minúsculas; Esc borra todos los filtros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs in the checked states</source>
        <translation>Mostrar solo los diálogos en los estados marcados</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs in this profile (exact name)</source>
        <translation>Mostrar solo los diálogos de este perfil (nombre exacto)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With a profile: show only dialogs with this value in it (exact)</source>
        <translation>Con un perfil: mostrar solo los diálogos que tienen este valor en él (exacto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile value</source>
        <translation>Valor del perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any origin</source>
        <translation>Cualquier origen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs seen on the mirror, or listed by this proxy</source>
        <translation>Mostrar solo los diálogos vistos en el espejo o listados por este proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older than</source>
        <translation>Más antiguos que</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any age</source>
        <translation>Cualquier antigüedad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>≥ </source>
        <extracomment>Before the number of minutes in the age filter (&quot;≥ 10 min&quot;: older than 10 minutes)</extracomment>
        <translation>≥ </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only dialogs whose INVITE is at least this many minutes old</source>
        <translation>Mostrar solo los diálogos cuyo INVITE tiene al menos esta antigüedad en minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From, e.g. sip:+4930*</source>
        <translation>From, p. ej. sip:+4930*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wildcard over the whole From URI: * any text, ? one character; any case</source>
        <translation>Comodín sobre toda la URI From: * cualquier texto, ? un carácter; sin distinguir mayúsculas de minúsculas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To, e.g. *@carrier.example</source>
        <translation>To, p. ej. *@carrier.example</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wildcard over the whole To URI: * any text, ? one character; any case</source>
        <translation>Comodín sobre toda la URI To: * cualquier texto, ? un carácter; sin distinguir mayúsculas de minúsculas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop every filter (Esc)</source>
        <translation>Quitar todos los filtros (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply a saved filter</source>
        <translation>Aplicar un filtro guardado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the current filter under a name</source>
        <translation>Guardar el filtro actual con un nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the saved filter chosen in the list</source>
        <translation>Eliminar el filtro guardado elegido en la lista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter dialogs</source>
        <translation>&amp;Filtrar diálogos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the keyboard focus to the dialog filter</source>
        <translation>Llevar el foco del teclado al filtro de diálogos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>Limpiar filtros</translation>
    </message>
</context>
<context>
    <name>HeadlessExport</name>
    <message>
        <location filename="../app/headlessexport.cpp" line="+99"/>
        <source>calldeck: --export %1: %2; nothing was written.</source>
        <translation>calldeck: --export %1: %2; no se escribió nada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: --export %1: unknown format; the file name must end in %2.</source>
        <translation>calldeck: --export %1: formato desconocido; el nombre del archivo debe terminar en %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>calldeck: --export %1: the dialog core did not answer in time; nothing was written. Retry, or export from a less loaded moment.</source>
        <translation>calldeck: --export %1: el núcleo de diálogos no respondió a tiempo; no se escribió nada. Vuelva a intentarlo o exporte en un momento de menos carga.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>calldeck: --export %1: cannot write there (%2).</source>
        <translation>calldeck: --export %1: no se puede escribir ahí (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: --export %1: %2.</source>
        <translation>calldeck: --export %1: %2.</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <location filename="../app/headlessrunner.cpp" line="+106"/>
        <location line="+8"/>
        <source>calldeck: %1</source>
        <translation>calldeck: %1</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>calldeck: cannot watch SIGINT/SIGTERM (%1); check the open-files limit (ulimit -n) and retry.</source>
        <translation>calldeck: no se pueden vigilar SIGINT/SIGTERM (%1); compruebe el límite de archivos abiertos (ulimit -n) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>calldeck: cannot listen for HEP/SIP on %1: %2</source>
        <translation>calldeck: no se puede recibir HEP/SIP en %1: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>calldeck: --rpc: %1</source>
        <translation>calldeck: --rpc: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: --dmq: %1; choose a free port for --dmq</source>
        <translation>calldeck: --dmq: %1; elija un puerto libre para --dmq</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: --sip %1: %2</source>
        <translation>calldeck: --sip %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: the embedded SIP user agent did not start (%1); actions on mirror-only dialogs are refused. Give it an address with --sip ADDR:PORT.</source>
        <translation>calldeck: el agente de usuario SIP integrado no se inició (%1); se rechazan las acciones sobre diálogos que solo ve el espejo. Asígnele una dirección con --sip ADDR:PORT.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>calldeck: --serve-rpc %1: cannot resolve &apos;%2&apos; (%3); use an IP address such as 127.0.0.1.</source>
        <translation>calldeck: --serve-rpc %1: no se puede resolver &apos;%2&apos; (%3); use una dirección IP como 127.0.0.1.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>calldeck: headless engine running (%1 clock).</source>
        <translation>calldeck: motor sin ventana en marcha (reloj: %1).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>calldeck: listening for HEP/SIP on udp %1:%2 and tcp %1:%3</source>
        <translation>calldeck: recibiendo HEP/SIP en udp %1:%2 y tcp %1:%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calldeck: watching proxy %1 at %2</source>
        <translation>calldeck: vigilando el proxy %1 en %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: SIP user agent on udp and tcp %1:%2</source>
        <translation>calldeck: agente de usuario SIP en udp y tcp %1:%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: read-only: control actions are refused</source>
        <translation>calldeck: solo lectura: se rechazan las acciones de control</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: serving JSON-RPC at %1%2</source>
        <translation>calldeck: sirviendo JSON-RPC en %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (bearer token required)</source>
        <translation> (se requiere token bearer)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: replaying %1%2</source>
        <translation>calldeck: reproduciendo %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> at the recorded pace</source>
        <translation> al ritmo grabado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: stop with Ctrl+C (SIGINT) or SIGTERM.</source>
        <translation>calldeck: detener con Ctrl+C (SIGINT) o SIGTERM.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>calldeck: %1 received; stopping.</source>
        <translation>calldeck: %1 recibido; deteniendo.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>calldeck: replay %1%, %2 packets, %3 msgs/s</source>
        <translation>calldeck: reproducción %1 %, %2 paquetes, %3 msj/s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>calldeck: --replay %1 stopped: %2</source>
        <translation>calldeck: --replay %1 detenido: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calldeck: replay finished: 100%, %1 packets, %2 SIP/HEP messages in %3 s.</source>
        <translation>calldeck: reproducción terminada: 100 %, %1 paquetes, %2 mensajes SIP/HEP en %3 s.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>calldeck: the dialog core did not finish within %1 s; the export and statistics may miss the last packets.</source>
        <translation>calldeck: el núcleo de diálogos no terminó en %1 s; la exportación y las estadísticas pueden omitir los últimos paquetes.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: exported %1 dialogs to %2</source>
        <translation>calldeck: %1 diálogos exportados a %2</translation>
    </message>
</context>
<context>
    <name>HostPort</name>
    <message>
        <location filename="../app/hostport.cpp" line="+22"/>
        <source>calldeck: %1 &apos;%2&apos; needs ADDR:PORT, e.g. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</source>
        <translation>calldeck: %1 «%2» necesita ADDR:PORT, p. ej. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535, or 0 for any free port.</source>
        <translation>calldeck: %1 &apos;%2&apos;: el puerto &apos;%3&apos; está fuera de rango; use 1-65535, o 0 para cualquier puerto libre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535.</source>
        <translation>calldeck: %1 «%2»: el puerto «%3» está fuera de rango; use 1-65535.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is not an IPv6 address.</source>
        <translation>calldeck: %1 «%2»: «%3» no es una dirección IPv6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calldeck: %1 &apos;%2&apos;: write IPv6 addresses in brackets, e.g. %1 [::1]:9060.</source>
        <translation>calldeck: %1 «%2»: escriba las direcciones IPv6 entre corchetes, p. ej. %1 [::1]:9060.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: %1 &apos;%2&apos;: &apos;%3&apos; is neither an IPv4 address nor a host name; e.g. %1 127.0.0.1:9060.</source>
        <translation>calldeck: %1 «%2»: «%3» no es una dirección IPv4 ni un nombre de host; p. ej. %1 127.0.0.1:9060.</translation>
    </message>
</context>
<context>
    <name>IncidentPackDialog</name>
    <message>
        <location filename="../ui/incidentpackdialog.cpp" line="+24"/>
        <location line="+110"/>
        <source>Incident pack</source>
        <translation>Paquete de incidencia</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Mask numbers and URIs (for sharing outside the operations team)</source>
        <translation>&amp;Enmascarar números y URI (para compartir fuera del equipo de operaciones)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every telephone number and the user@host of every SIP URI is replaced, with the same length and the same way in all files, so calls can still be followed and the capture stays valid.</source>
        <translation>Se sustituyen cada número de teléfono y el user@host de cada URI SIP, con la misma longitud y de la misma forma en todos los archivos, de modo que las llamadas se pueden seguir y la captura sigue siendo válida.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the selected dialogs&apos; messages</source>
        <translation>los mensajes de los diálogos seleccionados</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the shown dialogs&apos; messages</source>
        <translation>los mensajes de los diálogos mostrados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The archive holds table.csv (the table as shown), dialogs.json (dlg.list shape), messages.pcap (%1), the chart pictures and manifest.json with the SHA-256 of each file.</source>
        <translation>El archivo comprimido contiene table.csv (la tabla tal como se muestra), dialogs.json (forma de dlg.list), messages.pcap (%1), las imágenes de los gráficos y manifest.json con el SHA-256 de cada archivo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Write pack</source>
        <translation>Escribir &amp;paquete</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Enter the file to write, e.g. incident.tar.gz, or choose one with Browse….</source>
        <translation>Introduzca el archivo que escribir, p. ej. incident.tar.gz, o elija uno con Examinar….</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The pack is a .tar.gz or .tar archive: end the file name in .tar.gz (smaller) or .tar.</source>
        <translation>El paquete es un archivo .tar.gz o .tar: termine el nombre del archivo en .tar.gz (más pequeño) o .tar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder %1 does not exist; choose an existing folder with Browse….</source>
        <translation>La carpeta %1 no existe; elija una carpeta existente con Examinar….</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Compressed archive (*.tar.gz)</source>
        <translation>Archivo comprimido (*.tar.gz)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive (*.tar)</source>
        <translation>Archivo tar (*.tar)</translation>
    </message>
</context>
<context>
    <name>LadderLayout</name>
    <message>
        <location filename="../ui/ladderlayout.cpp" line="+25"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>+%1 µs</source>
        <translation>+%1 µs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>+%1 ms</source>
        <translation>+%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+%1 s</source>
        <translation>+%1 s</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(not SIP)</source>
        <translation>(no SIP)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>↻ %1</source>
        <extracomment>A message of the call flow that repeats an earlier one (%1: &quot;INVITE&quot;, &quot;200 OK (BYE)&quot;); keep it short</extracomment>
        <translation>↻ %1</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../ui/languagemenu.cpp" line="+92"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the language of the desktop session</source>
        <translation>Seguir el idioma de la sesión de escritorio</translation>
    </message>
</context>
<context>
    <name>LanguageSwitcher</name>
    <message>
        <location filename="../app/languageswitcher.cpp" line="+33"/>
        <source>the system&apos;s language (%1)</source>
        <translation>el idioma del sistema (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language: %1.</source>
        <translation>Idioma: %1.</translation>
    </message>
</context>
<context>
    <name>ListenerSettingsDialog</name>
    <message>
        <location filename="../ui/listenersettingsdialog.cpp" line="+21"/>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mirror listeners</source>
        <translation>Receptores del espejo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ADDR:PORT, e.g. 0.0.0.0:9060 (every IPv4 address), 127.0.0.1:9060 or, for IPv6, [::1]:9060. Each address takes HEP (v1/v2/v3) and raw SIP on UDP and TCP.</source>
        <translation>ADDR:PORT, p. ej. 0.0.0.0:9060 (todas las direcciones IPv4), 127.0.0.1:9060 o, para IPv6, [::1]:9060. Cada dirección recibe HEP (v1/v2/v3) y SIP sin procesar por UDP y TCP.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>CallDeck receives HEP (Kamailio siptrace, Homer agents, heplify) and raw SIP on UDP and TCP at each address below. Leave the list empty for the default %1. Changes apply at once.</source>
        <translation>CallDeck recibe HEP (siptrace de Kamailio, agentes de Homer, heplify) y SIP sin procesar por UDP y TCP en cada dirección de abajo. Deje la lista vacía para la predeterminada %1. Los cambios se aplican al instante.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no listener (--hep off)</source>
        <translation>ningún receptor (--hep off)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This run listens on %1, as given on the command line; that stays until CallDeck is restarted. The list is stored and used when CallDeck starts without --hep.</source>
        <translation>Esta ejecución recibe en %1, como indica la línea de comandos; así sigue hasta que CallDeck se reinicie. La lista se guarda y se usa cuando CallDeck se inicia sin --hep.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+143"/>
        <source>Kamailio configuration copied to the clipboard</source>
        <translation>Configuración de Kamailio copiada al portapapeles</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>Open capture</source>
        <translation>Abrir captura</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Captures (*.pcap *.pcapng *.cap)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>Capturas (*.pcap *.pcapng *.cap)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A capture is being replayed; wait for it to finish or cancel it.</source>
        <translation>Se está reproduciendo una captura; espere a que termine o cancélela.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>A feed failed; the Sources panel says why and what to do.</source>
        <translation>Una fuente ha fallado; el panel Fuentes indica por qué y qué hacer.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>About CallDeck</source>
        <translation>Acerca de CallDeck</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A live SIP dialog console for network operations centres.</source>
        <translation>Una consola de diálogos SIP en directo para centros de operaciones de red.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Compilado con Qt %1, se ejecuta con Qt %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Licence: GPL-3.0-or-later</source>
        <translation>Licencia: GPL-3.0-or-later</translation>
    </message>
    <message>
        <location line="+199"/>
        <source>Dialogs</source>
        <translation>Diálogos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Proxies…</source>
        <translation>&amp;Proxies…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the proxies watched over JSON-RPC</source>
        <translation>Añadir, editar o quitar los proxies vigilados mediante JSON-RPC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mirror listeners…</source>
        <translation>Receptores del &amp;espejo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit or remove the addresses that receive HEP and raw SIP</source>
        <translation>Añadir, editar o quitar las direcciones que reciben HEP y SIP sin procesar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open capture…</source>
        <translation>&amp;Abrir captura…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay a pcap or pcapng file</source>
        <translation>Reproducir un archivo pcap o pcapng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close CallDeck</source>
        <translation>Cerrar CallDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus &amp;event log</source>
        <translation>Ir al &amp;registro de eventos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the event log and move the keyboard focus to it</source>
        <translation>Mostrar el registro de eventos y llevar a él el foco del teclado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the keyboard shortcuts</source>
        <translation>Listar los atajos de teclado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About CallDeck</source>
        <translation>&amp;Acerca de CallDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version and licence</source>
        <translation>Versión y licencia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event log</source>
        <translation>Registro de eventos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the list of feeds</source>
        <translation>Mostrar u ocultar la lista de fuentes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the event log</source>
        <translation>Mostrar u ocultar el registro de eventos</translation>
    </message>
</context>
<context>
    <name>ProfilesDock</name>
    <message>
        <location filename="../ui/profilesdock.cpp" line="+74"/>
        <source>Profiles</source>
        <translation>Perfiles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the live profiles and their sizes</source>
        <translation>Mostrar u ocultar los perfiles en directo y sus tamaños</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a profile or a value to show its dialogs in the table.</source>
        <translation>Haga clic en un perfil o un valor para mostrar sus diálogos en la tabla.</translation>
    </message>
</context>
<context>
    <name>ProfilesModel</name>
    <message>
        <location filename="../ui/profilesmodel.cpp" line="+86"/>
        <source>(empty value)</source>
        <translation>(valor vacío)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dialogs in profile %1 with value %2: %3. Click to show them.</source>
        <translation>Diálogos en el perfil %1 con el valor %2: %3. Haga clic para mostrarlos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dialogs in profile %1: %2. Click to show them.</source>
        <translation>Diálogos en el perfil %1: %2. Haga clic para mostrarlos.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Profile / value</source>
        <translation>Perfil / valor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dialogs</source>
        <translation>Diálogos</translation>
    </message>
</context>
<context>
    <name>ProxySettingsDialog</name>
    <message>
        <location filename="../ui/proxysettingsdialog.cpp" line="+25"/>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify the proxies&apos; TLS certificates (https)</source>
        <translation>Verificar los certificados TLS de los proxies (https)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proxies</source>
        <translation>Proxies</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON-RPC URL</source>
        <translation>URL de JSON-RPC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name: shown in the Origin column (host:port when empty). URL: e.g. http://user:password@10.0.0.5:5071/RPC — the proxy needs jsonrpcs and xhttp.</source>
        <translation>Nombre: se muestra en la columna Origen (host:puerto si está vacío). URL: p. ej. http://user:password@10.0.0.5:5071/RPC — el proxy necesita jsonrpcs y xhttp.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. trunk, inbound (profiles seen in dlg.list are polled anyway)</source>
        <translation>p. ej. trunk, inbound (los perfiles vistos en dlg.list se consultan de todos modos)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>system certificate store</source>
        <translation>almacén de certificados del sistema</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Poll every</source>
        <translation>Consultar cada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles to poll</source>
        <translation>Perfiles a consultar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helper path</source>
        <translation>Ruta del helper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA file (PEM)</source>
        <translation>Archivo de CA (PEM)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Proxies watched over Kamailio&apos;s JSON-RPC (jsonrpcs over xhttp). Changes apply at once: the feeds restart.</source>
        <translation>Proxies vigilados mediante el JSON-RPC de Kamailio (jsonrpcs sobre xhttp). Los cambios se aplican de inmediato: las fuentes se reinician.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Also watched in this run (--rpc, not stored): %1</source>
        <translation>También vigilados en esta ejecución (--rpc, no guardados): %1</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Proxy %1: %2</source>
        <translation>Proxy %1: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The CA file %1 cannot be read; give the path of a PEM file or leave it empty for the system store.</source>
        <translation>No se puede leer el archivo de CA %1; indique la ruta de un archivo PEM o déjelo vacío para usar el almacén del sistema.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The helper path must be a URL path such as /calldeck.</source>
        <translation>La ruta del helper debe ser una ruta de URL como /calldeck.</translation>
    </message>
</context>
<context>
    <name>ProxyStatusText</name>
    <message>
        <location filename="../ui/proxystatustext.cpp" line="+13"/>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up · %1 ms</source>
        <translation>En línea · %1 ms</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up</source>
        <translation>En línea</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Degraded: %n failed poll(s)</source>
        <translation>
            <numerusform>Degradado: %n consulta fallida</numerusform>
            <numerusform>Degradado: %n consultas fallidas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degraded: partial answers</source>
        <translation>Degradado: respuestas parciales</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Down, retry in %n s</source>
        <translation>
            <numerusform>Caído, reintento en %n s</numerusform>
            <numerusform>Caído, reintento en %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s)</source>
        <translation>
            <numerusform>%n diálogo</numerusform>
            <numerusform>%n diálogos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version: %1</source>
        <translation>Versión: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Up for %1</source>
        <translation>En servicio desde hace %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last dlg.list: %1 ms, %2; polled every %3 s</source>
        <translation>Último dlg.list: %1 ms, %2; consultado cada %3 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Polls: %1, failed: %2</source>
        <translation>Consultas: %1, fallidas: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n malformed dialog entr(y/ies) skipped in the last listing</source>
        <translation>
            <numerusform>%n entrada de diálogo malformada omitida en el último listado</numerusform>
            <numerusform>%n entradas de diálogo malformadas omitidas en el último listado</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CallDeck helper: present (REFER, timeouts, profiles, variables)</source>
        <translation>Helper de CallDeck: presente (REFER, tiempos de espera, perfiles, variables)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck helper: absent — include calldeck-helpers.cfg in the proxy&apos;s config for REFER, timeouts, profiles and variables</source>
        <translation>Helper de CallDeck: ausente — incluya calldeck-helpers.cfg en la configuración del proxy para REFER, tiempos de espera, perfiles y variables</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Actions: %1</source>
        <translation>Acciones: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+37"/>
        <source>Last error: %1</source>
        <translation>Último error: %1</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tables: %1</source>
        <translation>Tablas: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Last read: %1 ms, %n dialog(s); read every %2 s</source>
        <translation>
            <numerusform>Última lectura: %1 ms, %n diálogo; lectura cada %2 s</numerusform>
            <numerusform>Última lectura: %1 ms, %n diálogos; lectura cada %2 s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not read yet; read every %1 s</source>
        <translation>Aún no leído; lectura cada %1 s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reads: %1, failed: %2</source>
        <translation>Lecturas: %1, fallidas: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n malformed dialog row(s) skipped in the last read</source>
        <translation>
            <numerusform>%n fila de diálogo malformada omitida en la última lectura</numerusform>
            <numerusform>%n filas de diálogo malformadas omitidas en la última lectura</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <location filename="../ui/replaycontroller.cpp" line="+72"/>
        <source>Replaying %1 at the recorded pace.</source>
        <translation>Reproduciendo %1 al ritmo grabado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaying %1.</source>
        <translation>Reproduciendo %1.</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+90"/>
        <source>Open capture</source>
        <translation>Abrir captura</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Replaying %1…
%2 SIP/HEP messages read so far.</source>
        <translation>Reproduciendo %1…
%2 mensajes SIP/HEP leídos hasta ahora.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Damaged or incomplete packets skipped: %1.</source>
        <translation>Paquetes dañados o incompletos omitidos: %1.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Replayed %1: %2 packets, %3 SIP/HEP messages in %4 s.</source>
        <translation>%1 reproducido: %2 paquetes, %3 mensajes SIP/HEP en %4 s.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Replay of %1 cancelled after %2 packets; the dialogs read so far stay.</source>
        <translation>Reproducción de %1 cancelada tras %2 paquetes; los diálogos leídos hasta ahora se conservan.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replay of %1 failed: %2</source>
        <translation>La reproducción de %1 ha fallado: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CallDeck could not replay %1.</source>
        <translation>CallDeck no pudo reproducir %1.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="+16"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
</context>
<context>
    <name>SnapshotActions</name>
    <message>
        <location filename="../ui/snapshotactions.cpp" line="+106"/>
        <location line="+77"/>
        <source>Save snapshot</source>
        <translation>Guardar instantánea</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+78"/>
        <source>Open snapshot</source>
        <translation>Abrir instantánea</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>CallDeck snapshots (*.cdsnap)</source>
        <extracomment>File dialog filters: keep the patterns in brackets as they are</extracomment>
        <translation>Instantáneas de CallDeck (*.cdsnap)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A snapshot is being saved; wait for it or cancel it.</source>
        <translation>Se está guardando una instantánea; espere a que termine o cancélela.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Saving the snapshot to %1…</source>
        <translation>Guardando la instantánea en %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the snapshot %1…</source>
        <translation>Leyendo la instantánea %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>Snapshot of %n dialog(s) saved to %1</source>
        <translation>
            <numerusform>Instantánea de %n diálogo guardada en %1</numerusform>
            <numerusform>Instantánea de %n diálogos guardada en %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Snapshot cancelled; no file was written.</source>
        <translation>Instantánea cancelada; no se escribió ningún archivo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The snapshot could not be saved to %1.</source>
        <translation>No se pudo guardar la instantánea en %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The snapshot %1 could not be opened.</source>
        <translation>No se pudo abrir la instantánea %1.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Check that the file and its folder exist and that you may use them, and that the disk has room; then try again or choose another place.</source>
        <translation>Compruebe que el archivo y su carpeta existen y que tiene permiso para usarlos, y que hay espacio en el disco; después vuelva a intentarlo o elija otra ubicación.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dialog core is busy. Try again in a moment.</source>
        <translation>El núcleo de diálogos está ocupado. Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is damaged or cut short (was it copied completely?). Open another copy of it.</source>
        <translation>El archivo está dañado o truncado (¿se copió por completo?). Abra otra copia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a CallDeck snapshot. Choose a .cdsnap file saved with File → Save snapshot….</source>
        <translation>No es una instantánea de CallDeck. Elija un archivo .cdsnap guardado con Archivo → Guardar instantánea….</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was saved by a newer CallDeck. Open it with that version, or update this one.</source>
        <translation>Se guardó con una versión más reciente de CallDeck. Ábrala con esa versión o actualice esta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is damaged or was edited by hand; the detail below says where. Open another copy of it.</source>
        <translation>El archivo está dañado o se editó a mano; el detalle de abajo indica dónde. Abra otra copia.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Snapshot</source>
        <translation>Instantánea</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Save snapshot…</source>
        <translation>&amp;Guardar instantánea…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every dialog with its details and call flow to a file you can open later</source>
        <translation>Guardar cada diálogo con sus detalles y su flujo de llamada en un archivo que puede abrir más tarde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open s&amp;napshot…</source>
        <translation>Abrir &amp;instantánea…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse a saved snapshot: its table, details and call flows as they were</source>
        <translation>Consultar una instantánea guardada: su tabla, detalles y flujos de llamada tal como estaban</translation>
    </message>
</context>
<context>
    <name>SnapshotExport</name>
    <message>
        <location filename="../app/snapshotexport.cpp" line="+18"/>
        <source>calldeck: --export %1: the dialog core did not answer within %2 s; nothing was written. Retry, or export from a less loaded moment.</source>
        <translation>calldeck: --export %1: el núcleo de diálogos no respondió en %2 s; no se escribió nada. Vuelva a intentarlo o exporte en un momento de menos carga.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --export %1: cannot write there (%2); check that the directory %3 exists and is writable.</source>
        <translation>calldeck: --export %1: no se puede escribir ahí (%2); compruebe que el directorio %3 existe y admite escritura.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>calldeck: --export %1: writing failed (%2); check the free space of %3.</source>
        <translation>calldeck: --export %1: la escritura falló (%2); compruebe el espacio libre de %3.</translation>
    </message>
</context>
<context>
    <name>SnapshotWindow</name>
    <message>
        <location filename="../ui/snapshotwindow.cpp" line="+177"/>
        <source>%1 — snapshot of %2 — CallDeck</source>
        <extracomment>Title of a snapshot window: %1 the file name, %2 the date and time the snapshot was taken</extracomment>
        <translation>%1 — instantánea del %2 — CallDeck</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n dialog(s) listed</source>
        <translation>
            <numerusform>%n diálogo listado</numerusform>
            <numerusform>%n diálogos listados</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 early, %2 active, %3 processed since start</source>
        <translation>%1 tempranos, %2 activos, %3 procesados desde el inicio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no feeds</source>
        <translation>sin fuentes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snapshot taken %1 by CallDeck %2 from %3. %4. Nothing here changes: it is a record.</source>
        <extracomment>Status bar of a snapshot window: %1 when it was taken, %2 the CallDeck version, %3 its feeds, %4 the counts</extracomment>
        <translation>Instantánea tomada el %1 por CallDeck %2 a partir de %3. %4. Aquí no cambia nada: es un registro.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unknown version)</source>
        <translation>(versión desconocida)</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../ui/sourcespanel.cpp" line="+164"/>
        <source>%1 (%2): %3</source>
        <extracomment>%1 a DMQ node&apos;s address, %2 &quot;DMQ node&quot; or &quot;DMQ bus&quot;, %3 its status and what to do</extracomment>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no reason given; see the event log</source>
        <translation>no se indica el motivo; vea el registro de eventos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: %2</source>
        <translation>%1 ha fallado: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No feed configured: the embedded listener is switched off (--hep off). Open a capture with File → Open capture…, or start CallDeck without --hep off to listen on 127.0.0.1:9060.</source>
        <translation>No hay ninguna fuente configurada: el receptor integrado está desactivado (--hep off). Abra una captura con Archivo → Abrir captura… o inicie CallDeck sin --hep off para escuchar en 127.0.0.1:9060.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Starting the feeds…</source>
        <translation>Iniciando las fuentes…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hover over a feed to see its senders and error counters.</source>
        <translation>Pase el puntero sobre una fuente para ver sus emisores y contadores de errores.</translation>
    </message>
</context>
<context>
    <name>SourcesTableModel</name>
    <message>
        <location filename="../ui/sourcestablemodel.cpp" line="+177"/>
        <source>Packets lost before the core: the queue was full (the core could not keep up) or the kernel&apos;s receive buffer overflowed.</source>
        <translation>Paquetes perdidos antes del núcleo: la cola estaba llena (el núcleo no daba abasto) o se desbordó el búfer de recepción del kernel.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Feed</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets/s</source>
        <translation>Paquetes/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Visto por última vez</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drops</source>
        <translation>Pérdidas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Malformed</source>
        <translation>Malformados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auth failures</source>
        <translation>Fallos de auth.</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>HEP/SIP UDP</source>
        <translation>HEP/SIP UDP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HEP/SIP TCP</source>
        <translation>HEP/SIP TCP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capture replay</source>
        <translation>Reproducción de captura</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JSON-RPC</source>
        <translation>JSON-RPC</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DB</source>
        <extracomment>A proxy read from its dialog database table (--proxy-db)</extracomment>
        <translation>BD</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DMQ bus</source>
        <translation>Bus DMQ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DMQ node</source>
        <translation>Nodo DMQ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Starting</source>
        <translation>Iniciando</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Running (%1 %)</source>
        <extracomment>A capture replay that is still reading its file: %1 is the share read so far</extracomment>
        <translation>Activa (%1 %)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>Activa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Failed: %1</source>
        <translation>Fallida: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Received: %1 packets, %2</source>
        <translation>Recibidos: %1 paquetes, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropped: %1 by the queue (the core could not keep up), %2 by the kernel (receive buffer full)</source>
        <translation>Descartados: %1 por la cola (el núcleo no daba abasto), %2 por el kernel (búfer de recepción lleno)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Malformed: %1 · auth failures: %2 · not SIP: %3</source>
        <translation>Malformados: %1 · fallos de auth.: %2 · no SIP: %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sender seen yet.</source>
        <translation>Todavía no se ha visto ningún emisor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Senders (%1):</source>
        <translation>Emisores (%1):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 packets, %3/s, last seen %4</source>
        <translation>%1: %2 paquetes, %3/s, visto por última vez %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 malformed</source>
        <translation>, %1 malformados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 auth failures</source>
        <translation>, %1 fallos de auth.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 not SIP</source>
        <translation>, %1 no SIP</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>… and %1 more</source>
        <translation>… y %1 más</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/statussummary.cpp" line="+94"/>
        <source>Dialogs: %1 active · %2 early · %3 total · %4 processed</source>
        <translation>Diálogos: %1 activos · %2 tempranos · %3 en total · %4 procesados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply (state 2). Total: every dialog in the table, ended ones until they leave it. Processed: every dialog created since CallDeck started (the dialog module&apos;s processed_dialogs).</source>
        <translation>Activos: diálogos confirmados (estados 3 y 4). Tempranos: diálogos con una respuesta provisional (estado 2). Total: todos los diálogos de la tabla, los terminados hasta que salen de ella. Procesados: todos los diálogos creados desde que se inició CallDeck (processed_dialogs del módulo dialog).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read-only</source>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode: CallDeck refuses every control action (hang up, transfer, bridge, timeout and profile changes).</source>
        <translation>Modo de solo lectura: CallDeck rechaza toda acción de control (colgar, transferir, puentear, cambiar el tiempo de espera o los perfiles).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds</source>
        <translation>Sin fuentes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No feed is configured, so no SIP arrives. See View → Sources.</source>
        <translation>No hay ninguna fuente configurada, así que no llega SIP. Vea Ver → Fuentes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No feeds running</source>
        <translation>Ninguna fuente activa</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n configured feed(s), none taking SIP now. See View → Sources.</source>
        <translation>
            <numerusform>%n fuente configurada, ninguna recibe SIP ahora. Vea Ver → Fuentes.</numerusform>
            <numerusform>%n fuentes configuradas, ninguna recibe SIP ahora. Vea Ver → Fuentes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Feeds: %1 running</source>
        <translation>Fuentes: %1 activas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 failed</source>
        <translation>Fuentes: %1 fallidas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 running, %2 failed</source>
        <translation>Fuentes: %1 activas, %2 fallidas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See View → Sources for why a feed failed and what to do.</source>
        <translation>Vea Ver → Fuentes para saber por qué falló una fuente y qué hacer.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>See View → Sources for the state of each feed.</source>
        <translation>Vea Ver → Fuentes para el estado de cada fuente.</translation>
    </message>
</context>
<context>
    <name>TimeSeriesChart</name>
    <message>
        <location filename="../ui/charts/timeserieschart.cpp" line="+253"/>
        <source>%1 limit</source>
        <translation>Límite de %1</translation>
    </message>
    <message>
        <location line="-23"/>
        <source> (no data)</source>
        <translation> (sin datos)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>%1
%2: %3</source>
        <translation>%1
%2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
%2 (+%3 s): min %4, avg %5, max %6</source>
        <translation>%1
%2 (+%3 s): mín. %4, media %5, máx. %6</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+65"/>
        <source>calldeck: there is no %1 translation of CallDeck yet; using English. Available: %2.</source>
        <translation>calldeck: aún no hay traducción de CallDeck para %1; se usa el inglés. Disponibles: %2.</translation>
    </message>
</context>
</TS>
