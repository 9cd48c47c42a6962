; Inno Setup 6 script: Windows installer around the PyInstaller one-folder build.
;
; On Windows, from the repository root:
;   .venv\Scripts\pyinstaller --noconfirm --clean build_installer.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\twitch-kiosk.iss
; AppVersion is the [project] version of pyproject.toml (the spec reads the
; same value). Output: dist\twitch-kiosk-<version>-setup.exe
;
; Per-machine install under Program Files ({autopf}), a Start-menu entry, an
; optional desktop icon and "start with Windows" entry, and an uninstaller.
; The fonts' licence (OFL) and Qt's LGPL-3.0 notice and text are installed in
; {app}\licenses and shown before installing.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<pyproject.toml version> twitch-kiosk.iss
#endif
#define AppName "Twitch Kiosk"
#define AppId "twitch-kiosk"
#define Root "..\.."
#define Dist Root + "\dist\twitch-kiosk"

[Setup]
AppId={{6C1E7D2A-3B9F-4E58-9A41-7F2D0C8B5E13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Clinic IT
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=licenses-shown.txt
OutputDir={#Root}\dist
OutputBaseFilename={#AppId}-{#AppVersion}-setup
UninstallDisplayIcon={app}\{#AppId}.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "Start the kiosk full screen when Windows starts (waiting-room PC)"; Flags: unchecked

[Files]
; The whole one-folder build: twitch-kiosk.exe (windowed), twitch-kiosk-cli.exe
; (console: self-test, handout, settings) and _internal\ with content and assets.
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Licences: the fonts (SIL OFL 1.1), Qt and PySide6 (LGPL-3.0, which builds on GPL-3.0).
Source: "{#Root}\assets\fonts\OFL.txt"; DestDir: "{app}\licenses"; DestName: "OFL-Atkinson-Hyperlegible.txt"; Flags: ignoreversion
Source: "{#Root}\packaging\licenses\QT-LGPL-NOTICE.txt"; DestDir: "{app}\licenses"; Flags: ignoreversion
Source: "{#Root}\packaging\licenses\LGPL-3.0.txt"; DestDir: "{app}\licenses"; Flags: ignoreversion
Source: "{#Root}\packaging\licenses\GPL-3.0.txt"; DestDir: "{app}\licenses"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppId}.exe"; Parameters: "--windowed"
Name: "{autoprograms}\{#AppName} (full screen)"; Filename: "{app}\{#AppId}.exe"; Parameters: "--fullscreen"
Name: "{autoprograms}\{#AppName} licences"; Filename: "{app}\licenses"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppId}.exe"; Parameters: "--windowed"; Tasks: desktopicon
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#AppId}.exe"; Parameters: "--fullscreen"; Tasks: autostart

[Run]
; Check the installed copy works before offering to start it.
Filename: "{app}\{#AppId}-cli.exe"; Parameters: "--self-test"; StatusMsg: "Checking the installation..."; Flags: runhidden waituntilterminated
Filename: "{app}\{#AppId}.exe"; Parameters: "--windowed"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Settings and counters live in the user's AppData and are kept on purpose.
Type: filesandordirs; Name: "{app}\_internal"
