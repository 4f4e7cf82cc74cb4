# Build the one-folder Windows app into packaging\dist\jjjdesk and check it like CI does on
# Linux: jjjdesk.exe (windowed, the icon rendered from resources\icons\jjjdesk.svg) and
# jjjdesk-cli.exe (console) must both exist, jjjdesk.exe --self-test must pass (no Traceback,
# no missing module or platform plugin), the folder must stay under 310 MB, and the CLI must
# write a demo database and a .docx brief. Same spec as Linux (packaging\jjjdesk.spec).
# It cannot be built or run on the Linux CI machine: build and check it on Windows 10/11.
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
    py -3.11 -m venv .venv
    & $py -m pip install -q --upgrade pip
    & $py -m pip install -q -e ".[test]"
}
& $py -m pip install -q "pyinstaller>=6.10,<7"
# The .ico (16-256 px) is rendered from the SVG at build time, never committed.
$env:QT_QPA_PLATFORM = "offscreen"
& $py packaging\make_icons.py --ico resources\icons\jjjdesk.ico --hicolor packaging\build\icons\hicolor
if ($LASTEXITCODE -ne 0) { throw "make_icons.py failed" }
Remove-Item Env:QT_QPA_PLATFORM
& $py -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath packaging\dist --workpath packaging\build packaging\jjjdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$dist = "packaging\dist\jjjdesk"
foreach ($exe in "jjjdesk.exe", "jjjdesk-cli.exe") {
    if (-not (Test-Path "$dist\$exe")) { throw "$exe missing from $dist" }
}

$bytes = (Get-ChildItem $dist -Recurse -File | Measure-Object -Property Length -Sum).Sum
$mb = [math]::Round($bytes / 1MB)
Write-Host "built: $dist ($mb MB)"
if ($mb -ge 310) { throw "the built folder is $mb MB, the limit is 310 MB" }

# jjjdesk.exe is windowed (no console): its output is redirected to files and read back.
$env:QT_QPA_PLATFORM = "offscreen"
$proc = Start-Process -FilePath "$dist\jjjdesk.exe" -ArgumentList "--self-test" -Wait -PassThru `
    -RedirectStandardOutput "$env:TEMP\jjjdesk-selftest.out" -RedirectStandardError "$env:TEMP\jjjdesk-selftest.err"
$out = (Get-Content "$env:TEMP\jjjdesk-selftest.out" -Raw) + (Get-Content "$env:TEMP\jjjdesk-selftest.err" -Raw)
Write-Host $out
if ($proc.ExitCode -ne 0 -or $out -match "Traceback|ModuleNotFoundError|ImportError|Qt platform plugin") {
    throw "frozen self-test failed (exit $($proc.ExitCode))"
}
$tmp = Join-Path $env:TEMP ("jjjdesk-" + [guid]::NewGuid())
& "$dist\jjjdesk-cli.exe" init --demo --db "$tmp\frozen.sqlite3"
if ($LASTEXITCODE -ne 0) { throw "jjjdesk-cli init failed" }
& "$dist\jjjdesk-cli.exe" export brief --period 2024-03 --format docx --out "$tmp\brief.docx" --db "$tmp\frozen.sqlite3"
if ($LASTEXITCODE -ne 0 -or -not (Test-Path "$tmp\brief.docx")) { throw "the frozen CLI wrote no .docx brief" }
Remove-Item Env:QT_QPA_PLATFORM

Write-Host "== start-up, frozen vs unfrozen"
& $py bench\bench_frozen.py
