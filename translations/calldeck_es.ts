<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>Application</name>
    <message>
        <location filename="../app/application.cpp" line="+24"/>
        <source>CallDeck %1 started (Qt %2).</source>
        <translation>CallDeck %1 iniciado (Qt %2).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Read-only mode (--read-only): control actions are refused.</source>
        <translation>Modo de solo lectura (--read-only): se rechazan las acciones de control.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only mode (set in the settings): control actions are refused.</source>
        <translation>Modo de solo lectura (activado en la configuración): se rechazan las acciones de control.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The embedded HEP/raw-SIP listener is not available yet; it arrives with the mirror feed (issue #4). No SIP is received.</source>
        <translation>El receptor HEP/SIP sin procesar integrado aún no está disponible; llega con la fuente espejo (incidencia #4). No se recibe SIP.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Embedded HEP/raw-SIP listener switched off (--hep off).</source>
        <translation>Receptor HEP/SIP sin procesar integrado desactivado (--hep off).</translation>
    </message>
</context>
<context>
    <name>CommandLineOptions</name>
    <message>
        <location filename="../app/commandlineoptions.cpp" line="+35"/>
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
        <location line="+4"/>
        <source>With --headless: answer Kamailio-compatible JSON-RPC at http://ADDR:PORT/RPC.</source>
        <translation>Con --headless: responder JSON-RPC compatible con Kamailio en http://ADDR:PORT/RPC.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+4"/>
        <source>Write a snapshot on exit: .json (dlg.list shape), .csv or .pcap.</source>
        <translation>Escribir una instantánea al salir: .json (forma de dlg.list), .csv o .pcap.</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+8"/>
        <source>calldeck: %1 Run &apos;calldeck --help&apos; for the list of options.</source>
        <translation>calldeck: %1 Ejecute «calldeck --help» para ver la lista de opciones.</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location line="+12"/>
        <source>calldeck: --serve-rpc only works with --headless; add --headless or drop it.</source>
        <translation>calldeck: --serve-rpc solo funciona con --headless; añada --headless o quite la opción.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>calldeck: --db &apos;%1&apos; is not a store URL; write sqlite:///path/to/calldeck.db or postgresql://user:pw@host:5432/dbname</source>
        <translation>calldeck: --db «%1» no es una URL de almacén; escriba sqlite:///ruta/a/calldeck.db o postgresql://user:pw@host:5432/bd</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --db-mode &apos;%1&apos; is out of range; use 0 (none), 1 (real-time), 2 (delayed) or 3 (on shutdown).</source>
        <translation>calldeck: --db-mode «%1» está fuera de rango; use 0 (ninguno), 1 (tiempo real), 2 (diferido) o 3 (al apagar).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>calldeck: --export &apos;%1&apos;: unknown format; the file name must end in .json, .csv or .pcap.</source>
        <translation>calldeck: --export «%1»: formato desconocido; el nombre del archivo debe terminar en .json, .csv o .pcap.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calldeck: --lang &apos;%1&apos; is not a language code; write e.g. --lang de, --lang fr or --lang es_MX.</source>
        <translation>calldeck: --lang «%1» no es un código de idioma; escriba p. ej. --lang de, --lang fr o --lang es_MX.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the mirror feed, issue #4</source>
        <translation>la fuente espejo, incidencia #4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>calldeck: %1 is not available yet (it arrives with %2); run without it to open the console.</source>
        <translation>calldeck: %1 aún no está disponible (llega con %2); ejecute sin esta opción para abrir la consola.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the headless engine</source>
        <translation>el motor sin ventana</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the JSON-RPC feed</source>
        <translation>la fuente JSON-RPC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the served JSON-RPC</source>
        <translation>el JSON-RPC servido</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the console&apos;s control actions</source>
        <translation>las acciones de control de la consola</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>the dialog store</source>
        <translation>el almacén de diálogos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>snapshot export</source>
        <translation>la exportación de instantáneas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the engine statistics</source>
        <translation>las estadísticas del motor</translation>
    </message>
</context>
<context>
    <name>EmptyStatePanel</name>
    <message>
        <location filename="../ui/emptystatepanel.cpp" line="+199"/>
        <source>No dialogs yet</source>
        <translation>Todavía no hay diálogos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CallDeck lists every SIP dialog it sees, live, and lets you act on it. Give it SIP in one of these ways:</source>
        <translation>CallDeck muestra en directo cada diálogo SIP que ve y le permite actuar sobre él. Proporciónele SIP de una de estas formas:</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <source>The mirror port opens with the mirror feed (issue #4); the Sources panel shows its state.</source>
        <translation>El puerto espejo se abre con la fuente espejo (incidencia #4); el panel Fuentes muestra su estado.</translation>
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
        <source>Start CallDeck with %1 to read a proxy&apos;s dialogs through Kamailio&apos;s jsonrpcs module, for example %2. Repeat the option to watch several proxies.</source>
        <translation>Inicie CallDeck con %1 para leer los diálogos de un proxy mediante el módulo jsonrpcs de Kamailio, por ejemplo %2. Repita la opción para vigilar varios proxies.</translation>
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
    <name>HostPort</name>
    <message>
        <location filename="../app/hostport.cpp" line="+22"/>
        <source>calldeck: %1 &apos;%2&apos; needs ADDR:PORT, e.g. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</source>
        <translation>calldeck: %1 «%2» necesita ADDR:PORT, p. ej. %1 127.0.0.1:9060 (IPv6: [::1]:9060).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>calldeck: %1 &apos;%2&apos;: port &apos;%3&apos; is out of range; use 1-65535.</source>
        <translation>calldeck: %1 «%2»: el puerto «%3» está fuera de rango; use 1-65535.</translation>
    </message>
    <message>
        <location line="+7"/>
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
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+80"/>
        <source>Kamailio configuration copied to the clipboard</source>
        <translation>Configuración de Kamailio copiada al portapapeles</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Open capture</source>
        <translation>Abrir captura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaying captures is not available yet — it arrives with the mirror feed (issue #4).</source>
        <translation>La reproducción de capturas aún no está disponible: llega con la fuente espejo (incidencia #4).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Until then, feed CallDeck live: mirror a Kamailio proxy with siptrace as shown in the main window.</source>
        <translation>Mientras tanto, alimente CallDeck en directo: refleje un proxy Kamailio con siptrace como se muestra en la ventana principal.</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+131"/>
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
    <name>SourcesPanel</name>
    <message>
        <location filename="../ui/sourcespanel.cpp" line="+75"/>
        <source>Feed</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HEP / raw SIP</source>
        <translation>HEP / SIP sin procesar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not available yet</source>
        <translation>Aún no disponible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The embedded HEP/raw-SIP listener is not available yet: it arrives with the mirror feed (issue #4).</source>
        <translation>El receptor HEP/SIP sin procesar integrado aún no está disponible: llega con la fuente espejo (incidencia #4).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Embedded default feed. It arrives with the mirror feed (issue #4); until then CallDeck receives no SIP.</source>
        <translation>Fuente integrada predeterminada. Llega con la fuente espejo (incidencia #4); hasta entonces CallDeck no recibe SIP.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No feed configured: the embedded listener is switched off (--hep off). Start CallDeck without --hep off to use it.</source>
        <translation>No hay ninguna fuente configurada: el receptor integrado está desactivado (--hep off). Inicie CallDeck sin --hep off para usarlo.</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/statussummary.cpp" line="+82"/>
        <source>Dialogs: %1 active · %2 early · %3 total</source>
        <translation>Diálogos: %1 activos · %2 tempranos · %3 en total</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active: confirmed dialogs (states 3 and 4). Early: dialogs with a provisional reply (state 2). Total: every dialog in the table.</source>
        <translation>Activos: diálogos confirmados (estados 3 y 4). Tempranos: diálogos con una respuesta provisional (estado 2). Total: todos los diálogos de la tabla.</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <source>%n configured feed(s), none delivering SIP. See View → Sources.</source>
        <translation>
            <numerusform>%n fuente configurada, ninguna entrega SIP. Vea Ver → Fuentes.</numerusform>
            <numerusform>%n fuentes configuradas, ninguna entrega SIP. Vea Ver → Fuentes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Feeds: %1 of %2 running</source>
        <translation>Fuentes: %1 de %2 activas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See View → Sources for the state of each feed.</source>
        <translation>Vea Ver → Fuentes para el estado de cada fuente.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+58"/>
        <source>calldeck: there is no %1 translation of CallDeck yet; using English. Available: %2.</source>
        <translation>calldeck: aún no hay traducción de CallDeck para %1; se usa el inglés. Disponibles: %2.</translation>
    </message>
</context>
</TS>
