<# .SYNOPSIS Stops the EasyTask services; the agent first finishes or terminates and records its running tasks. #>
$ErrorActionPreference = 'Stop'
foreach ($name in 'EasyTaskAgent', 'EasyTaskScheduler') {
    if (Get-Service -Name $name -ErrorAction SilentlyContinue) { Stop-Service -Name $name; Write-Host "Stopped $name" }
}
