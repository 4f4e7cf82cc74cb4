# Build the one-folder Windows app into packaging\dist\jjjdesk and check it like CI does:
# jjjdesk-cli.exe --self-test must pass (no Traceback, no missing module or platform plugin),
# the folder must stay under 250 MB. Same spec as Linux (packaging\jjjdesk.spec).
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
& $py -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath packaging\dist --workpath packaging\build packaging\jjjdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$dist = "packaging\dist\jjjdesk"

$bytes = (Get-ChildItem $dist -Recurse -File | Measure-Object -Property Length -Sum).Sum
$mb = [math]::Round($bytes / 1MB)
Write-Host "built: $dist ($mb MB)"
if ($mb -ge 250) { throw "the built folder is $mb MB, the limit is 250 MB" }

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
Remove-Item Env:QT_QPA_PLATFORM

Write-Host "== start-up, frozen vs unfrozen"
& $py bench\bench_frozen.py
